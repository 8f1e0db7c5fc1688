using Microsoft.Extensions.Options;

namespace MspSupport.Core.Identity;

/// <summary>
/// Turns a channel's user (as the channel authenticated it) into the <see cref="CallerIdentity"/> the core trusts.
/// Lookups are by exact channel, tenant and user id; nothing a user types can change the result.
/// </summary>
public sealed class IdentityDirectory(IOptionsMonitor<IdentityOptions> options)
{
    public CallerIdentity Resolve(string channel, string? tenantId, string userId, string? displayName)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var current = options.CurrentValue;
        var entry = current.Users.FirstOrDefault(u => Same(u.Channel, channel) && Same(u.TenantId, tenantId) && Same(u.UserId, userId))
                    ?? current.Tenants.FirstOrDefault(t => Same(t.Channel, channel) && Same(t.TenantId, tenantId));
        var role = entry is not null && Enum.TryParse<CallerRole>(entry.Role, ignoreCase: true, out var parsed) ? parsed : CallerRole.Customer;
        return new CallerIdentity
        {
            Channel = channel.ToLowerInvariant(),
            TenantId = tenantId,
            UserId = userId,
            Role = role,
            CustomerId = role == CallerRole.Customer ? entry?.CustomerId : null,
            DisplayName = string.IsNullOrWhiteSpace(entry?.DisplayName) ? displayName : entry.DisplayName,
        };
    }

    private static bool Same(string? configured, string? actual) =>
        string.Equals(string.IsNullOrEmpty(configured) ? null : configured, string.IsNullOrEmpty(actual) ? null : actual, StringComparison.OrdinalIgnoreCase);
}
