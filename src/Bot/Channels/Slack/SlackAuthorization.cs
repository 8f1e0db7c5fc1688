namespace MspSupport.Bot.Channels.Slack;

/// <summary>One installation an event is visible to; for a bot, <see cref="UserId"/> is the bot user.</summary>
public sealed record SlackAuthorization(string? TeamId, string? UserId, bool IsBot);
