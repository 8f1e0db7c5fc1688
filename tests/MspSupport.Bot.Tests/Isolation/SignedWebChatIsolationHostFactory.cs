namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// The real bot host with the web chat in signed mode and two customers' portals: the identity tokens of portal tenant
/// <see cref="ContosoPortal"/> stand for customer A (<c>contoso</c>), those of <see cref="FabrikamPortal"/> for
/// customer B (<c>fabrikam</c>). Identity tokens must carry <see cref="PortalIssuer"/> and <see cref="PortalAudience"/>.
/// </summary>
internal sealed class SignedWebChatIsolationHostFactory() : AssistantHostFactory("signed-isolation", TechKey)
{
    public const string TechKey = "signed-isolation-test-tech-key";
    public const string TokenSigningKey = "signed-isolation-direct-line-key-0123456789abcdef";
    public const string IdentitySecret = "signed-isolation-portal-identity-secret-0123456789";
    public const string PortalIssuer = "https://portal.msp.example";
    public const string PortalAudience = "msp-support-webchat";
    public const string ContosoPortal = "contoso-portal";
    public const string FabrikamPortal = "fabrikam-portal";

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        // Every test reads B's ticket with the technician key after each attempt: more than the per-caller default allows.
        settings["RateLimiting:Burst"] = "10000";
        settings["RateLimiting:PerSecond"] = "1000";

        settings["WebChat:TokenSigningKey"] = TokenSigningKey;
        settings["WebChat:Auth:Mode"] = "signed";
        settings["WebChat:Auth:IdentitySecret"] = IdentitySecret;
        settings["WebChat:Auth:IdentityIssuer"] = PortalIssuer;
        settings["WebChat:Auth:IdentityAudience"] = PortalAudience;

        settings["Identity:Tenants:0:Channel"] = "web";
        settings["Identity:Tenants:0:TenantId"] = ContosoPortal;
        settings["Identity:Tenants:0:CustomerId"] = "contoso";
        settings["Identity:Tenants:1:Channel"] = "web";
        settings["Identity:Tenants:1:TenantId"] = FabrikamPortal;
        settings["Identity:Tenants:1:CustomerId"] = "fabrikam";
    }
}
