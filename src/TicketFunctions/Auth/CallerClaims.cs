using System.Security.Claims;
using MspSupport.Core.Identity;

namespace MspSupport.TicketFunctions.Auth;

/// <summary>
/// Both authentication schemes end in the same claims; <see cref="ToCaller"/> turns them into the core's
/// <see cref="CallerIdentity"/>. Nothing from the request body can reach these claims.
/// </summary>
public static class CallerClaims
{
    public const string UserId = "msp:user";
    public const string Role = "msp:role";
    public const string CustomerId = "msp:customer";
    public const string Name = "msp:name";

    public static ClaimsIdentity Identity(string scheme, string userId, CallerRole role, string? customerId, string? name)
    {
        var claims = new List<Claim> { new(UserId, userId), new(Role, role.ToString()) };
        if (customerId is not null)
        {
            claims.Add(new Claim(CustomerId, customerId));
        }

        if (name is not null)
        {
            claims.Add(new Claim(Name, name));
        }

        return new ClaimsIdentity(claims, scheme, Name, Role);
    }

    public static CallerIdentity ToCaller(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.FindFirstValue(UserId) ?? throw new InvalidOperationException("The request is not authenticated.");
        var role = Enum.TryParse<CallerRole>(user.FindFirstValue(Role), out var parsed) ? parsed : CallerRole.Customer;
        return new CallerIdentity
        {
            Channel = "api",
            UserId = userId,
            Role = role,
            CustomerId = user.FindFirstValue(CustomerId),
            DisplayName = user.FindFirstValue(Name),
        };
    }

    /// <summary>The key rate limits are counted under: the caller when known, else the client address.</summary>
    public static string RateLimitKey(this ClaimsPrincipal user, string? remoteAddress) =>
        user.FindFirstValue(UserId) is { } id ? $"user:{id}" : $"ip:{remoteAddress}";
}
