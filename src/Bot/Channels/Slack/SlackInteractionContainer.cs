namespace MspSupport.Bot.Channels.Slack;

/// <summary>The message or view holding the clicked element.</summary>
public sealed record SlackInteractionContainer(string? Type, string? MessageTs, string? ChannelId, string? ThreadTs);
