namespace MspSupport.Bot.Channels.WebChat;

/// <summary>What a valid Direct Line token allows: one conversation, as one user, until it expires.</summary>
/// <param name="StreamOnly">A stream token (in a <c>streamUrl</c>) opens the WebSocket and nothing else.</param>
public sealed record DirectLineGrant(string ConversationId, WebUser User, DateTimeOffset Expires, bool StreamOnly);
