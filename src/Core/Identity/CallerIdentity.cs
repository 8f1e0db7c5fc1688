namespace MspSupport.Core.Identity;

/// <summary>
/// Who is asking, resolved by the host (API key, JWT, Teams or Slack user) before the core sees the request.
/// Authorization decisions read only this; nothing a user or a model writes can change it.
/// </summary>
public sealed record CallerIdentity
{
    /// <summary>Where the caller came from: <c>api</c>, <c>teams</c>, <c>slack</c>, <c>web</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Stable id of the user within the channel (API key name, AAD object id, Slack user id, ...).</summary>
    public required string UserId { get; init; }

    public required CallerRole Role { get; init; }

    /// <summary>The customer the caller belongs to; required for <see cref="CallerRole.Customer"/>.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Channel tenant (Teams tenant id, Slack team id) when there is one.</summary>
    public string? TenantId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The name written on what this caller creates (ticket author, note author).</summary>
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserId : DisplayName;

    /// <summary>A key unique to this caller across channels, used to scope idempotency keys and rate limits.</summary>
    public string Key => $"{Channel}:{TenantId}:{UserId}";

    public bool IsStaff => Role >= CallerRole.Technician;
}
