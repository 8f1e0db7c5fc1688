namespace MspSupport.Bot.Channels.Teams;

/// <summary>What the Bot Connector answers to a sent activity.</summary>
public sealed record ResourceResponse(string? Id);
