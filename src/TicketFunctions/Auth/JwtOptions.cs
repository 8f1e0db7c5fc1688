namespace MspSupport.TicketFunctions.Auth;

/// <summary>
/// JWT bearer settings. For Cognito: Authority <c>https://cognito-idp.{region}.amazonaws.com/{userPoolId}</c>,
/// Audience the app client id, roles from the <c>cognito:groups</c> claim.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The token issuer; empty turns JWT authentication off.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>OpenID metadata; defaults to {Authority}/.well-known/openid-configuration.</summary>
    public string? MetadataAddress { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Claim holding the role or groups (admin, technician, customer). Cognito: cognito:groups.</summary>
    public string RoleClaim { get; set; } = "cognito:groups";

    /// <summary>Claim holding the customer id of customer users.</summary>
    public string CustomerClaim { get; set; } = "custom:customer_id";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
