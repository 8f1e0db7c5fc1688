namespace MspSupport.Bot.Channels.Slack;

/// <summary>The channel an interaction happened in.</summary>
public sealed record SlackInteractionChannel(string? Id, string? Name);
