namespace MspSupport.Bot.Channels.Slack;

/// <summary>An installation as written to disk: the bot token only in its Data Protection form.</summary>
internal sealed record StoredInstallation(string TeamId, string? TeamName, string ProtectedBotToken, string? BotUserId, string? CustomerId, DateTimeOffset InstalledAt);
