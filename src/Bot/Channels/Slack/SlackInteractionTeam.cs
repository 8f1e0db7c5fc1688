namespace MspSupport.Bot.Channels.Slack;

/// <summary>The workspace of an interaction.</summary>
public sealed record SlackInteractionTeam(string? Id, string? Domain);
