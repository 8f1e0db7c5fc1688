namespace MspSupport.Bot.Channels.Slack;

/// <summary>One workspace the app is installed in: its bot, its token (kept encrypted at rest) and the MSP customer it belongs to.</summary>
public sealed record SlackInstallation
{
    public required string TeamId { get; init; }
    public string? TeamName { get; init; }
    public required string BotToken { get; init; }
    public string? BotUserId { get; init; }
    public string? CustomerId { get; init; }
    public DateTimeOffset InstalledAt { get; init; }
}
