namespace MspSupport.Core.Identity;

/// <summary>One mapping. <see cref="UserId"/> is empty in tenant entries.</summary>
public sealed class IdentityEntry
{
    /// <summary><c>teams</c>, <c>slack</c> or <c>web</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Teams tenant id or Slack team id; empty for the web channel.</summary>
    public string? TenantId { get; set; }

    /// <summary>Teams AAD object id, Slack user id, or web user id.</summary>
    public string? UserId { get; set; }

    public string Role { get; set; } = nameof(CallerRole.Customer);

    public string? CustomerId { get; set; }

    public string? DisplayName { get; set; }
}
