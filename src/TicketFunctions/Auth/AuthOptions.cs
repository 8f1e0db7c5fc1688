namespace MspSupport.TicketFunctions.Auth;

/// <summary>How callers of the ticket API authenticate. Bound from the <c>Auth</c> section; at least one way must be set.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Keys sent in the <c>x-api-key</c> header. Only their SHA-256 is configured, never the key itself.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Optional JWT bearer tokens (e.g. a Cognito user pool).</summary>
    public JwtOptions Jwt { get; set; } = new();
}
