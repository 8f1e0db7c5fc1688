using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;

namespace MspSupport.TicketFunctions.Auth;

public static class AuthenticationSetup
{
    private const string Selector = "ApiKeyOrBearer";

    /// <summary>API keys always; JWT bearer when <c>Auth:Jwt:Authority</c> is set. Both end in the same caller claims.</summary>
    public static IServiceCollection AddTicketApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, Selector, o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();

        // JWT settings come from options at first use, so that configuration sources added late (tests, secrets) count.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((o, auth) => ConfigureJwt(o, auth.Value.Jwt));
        services.AddAuthorization();
        return services;
    }

    private static string SelectScheme(HttpContext context)
    {
        var jwt = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt;
        return jwt.Enabled && !context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) &&
               context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void ConfigureJwt(JwtBearerOptions o, JwtOptions jwt)
    {
        if (!jwt.Enabled)
        {
            return;
        }

        o.Authority = jwt.Authority;
        o.Audience = jwt.Audience;
        o.MetadataAddress = string.IsNullOrWhiteSpace(jwt.MetadataAddress)
            ? $"{jwt.Authority!.TrimEnd('/')}/.well-known/openid-configuration"
            : jwt.MetadataAddress;
        o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                context.Principal = ToCallerPrincipal(context.Principal!, jwt);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await AuthProblems.WriteUnauthorizedAsync(context.HttpContext,
                    "The bearer token is not valid (expired, wrong issuer or audience, or bad signature).");
            },
        };
    }

    private static ClaimsPrincipal ToCallerPrincipal(ClaimsPrincipal token, JwtOptions jwt)
    {
        var groups = token.FindAll(jwt.RoleClaim).Select(c => c.Value).ToList();
        var role = groups.Any(g => g.Equals("admin", StringComparison.OrdinalIgnoreCase)) ? CallerRole.Admin
            : groups.Any(g => g.Equals("technician", StringComparison.OrdinalIgnoreCase)) ? CallerRole.Technician
            : CallerRole.Customer;
        var subject = token.FindFirstValue("sub") ?? "unknown";
        var name = token.FindFirstValue("cognito:username") ?? token.FindFirstValue("name") ?? token.FindFirstValue("username");
        var customer = role == CallerRole.Customer ? token.FindFirstValue(jwt.CustomerClaim) : null;
        return new ClaimsPrincipal(CallerClaims.Identity(JwtBearerDefaults.AuthenticationScheme, $"jwt:{subject}", role, customer, name));
    }
}
