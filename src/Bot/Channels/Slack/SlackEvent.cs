namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// The inner event of an <c>event_callback</c>: <c>app_mention</c> or <c>message</c> (with <see cref="Subtype"/> for
/// edits, deletions, joins, bot messages, file shares). Only the fields the assistant reads.
/// </summary>
public sealed record SlackEvent
{
    public string? Type { get; init; }
    public string? Subtype { get; init; }
    public string? User { get; init; }
    public string? BotId { get; init; }
    public string? Text { get; init; }
    public string? Channel { get; init; }
    public string? ChannelType { get; init; }
    public string? Team { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public IReadOnlyList<SlackFile>? Files { get; init; }
}
