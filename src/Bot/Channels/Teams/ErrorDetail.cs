namespace MspSupport.Bot.Channels.Teams;

/// <summary>What went wrong, as the Bot Connector names it (e.g. <c>ContentStreamNotAllowed</c>).</summary>
public sealed record ErrorDetail(string? Code, string? Message);
