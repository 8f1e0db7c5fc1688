namespace MspSupport.Bot.Channels.WebChat;

/// <summary>The person on the page, as the token says: a browser-local id (local mode) or the portal's user (signed mode).</summary>
public sealed record WebUser(string Id, string? Name, string? TenantId);
