namespace MspSupport.Bot.Channels.Slack;

/// <summary>Who clicked, submitted or used a shortcut.</summary>
public sealed record SlackInteractionUser(string? Id, string? Username, string? Name, string? TeamId);
