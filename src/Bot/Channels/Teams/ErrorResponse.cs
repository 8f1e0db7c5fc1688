namespace MspSupport.Bot.Channels.Teams;

/// <summary>The Bot Connector's error body: <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
public sealed record ErrorResponse(ErrorDetail? Error);
