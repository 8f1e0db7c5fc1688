namespace MspSupport.Bot.Channels.WebChat;

/// <summary>The person on the page, as the token says: a browser-local id (local mode) or the portal's user (signed mode).</summary>
public sealed record WebUser(string Id, string? Name, string? TenantId)
{
    /// <summary>
    /// The same person: same user id in the same tenant. Portals number their users independently, so in signed mode
    /// two customers' portals may both have a user <c>42</c>; the name is only what the page shows and does not count.
    /// </summary>
    public bool IsSame(string userId, string? tenantId) =>
        string.Equals(Id, userId, StringComparison.Ordinal) && string.Equals(TenantId ?? "", tenantId ?? "", StringComparison.Ordinal);

    /// <inheritdoc cref="IsSame(string, string?)"/>
    public bool IsSame(WebUser other) => other is not null && IsSame(other.Id, other.TenantId);
}
