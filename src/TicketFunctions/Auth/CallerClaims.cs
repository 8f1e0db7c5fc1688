using System.Security.Claims;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;

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
    public const string Service = "msp:service";
    public const string ServiceRole = "Service";

    public static bool IsServiceRole(string? role) => string.Equals(role, ServiceRole, StringComparison.OrdinalIgnoreCase);

    /// <summary>A Service key: it has no rights of its own and must name the caller it acts for on every request.</summary>
    public static ClaimsIdentity ServiceIdentity(string scheme, string userId, string name) =>
        new([new Claim(UserId, userId), new Claim(Service, "true"), new Claim(Name, name)], scheme, Name, Role);

    /// <summary>
    /// The caller of a request: the authenticated key or token itself, or, for a Service key, the caller named in the
    /// <see cref="OnBehalfOfHeaders"/> (null when those are missing or malformed: the request is refused).
    /// </summary>
    public static CallerIdentity? CallerOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.FindFirstValue(Service) is null)
        {
            return http.User.ToCaller();
        }

        var headers = http.Request.Headers;
        string? One(string header) => headers.TryGetValue(header, out var v) && v.Count == 1 && !string.IsNullOrWhiteSpace(v[0]) && v[0]!.Length <= 256 ? v[0] : null;
        var channel = One(OnBehalfOfHeaders.Channel) ?? "api";
        var user = One(OnBehalfOfHeaders.User);
        var customer = One(OnBehalfOfHeaders.Customer);
        if (user is null || !TicketNames.TryParseSource(channel, out _) ||
            !Enum.TryParse<CallerRole>(One(OnBehalfOfHeaders.Role), ignoreCase: true, out var role) || !Enum.IsDefined(role) ||
            (customer is not null && !TicketRules.IsCustomerId(customer)))
        {
            return null;
        }

        return new CallerIdentity
        {
            Channel = channel.ToLowerInvariant(),
            TenantId = One(OnBehalfOfHeaders.Tenant),
            UserId = user,
            Role = role,
            CustomerId = role == CallerRole.Customer ? customer : null,
            DisplayName = One(OnBehalfOfHeaders.Name) is { } name ? Uri.UnescapeDataString(name) : null,
        };
    }

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
