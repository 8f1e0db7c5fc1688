using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MspSupport.Core.Diagnostics;
using MspSupport.Core.Tickets;
using MspSupport.TicketFunctions.Auth;
using MspSupport.TicketFunctions.Http;
using MspSupport.TicketFunctions.Telemetry;
using MspSupport.TicketFunctions.Tickets;

namespace MspSupport.TicketFunctions;

/// <summary>Service registration and the request pipeline of the ticket API, shared by its own host and the bot host.</summary>
public static class TicketFunctionsSetup
{
    public static IServiceCollection AddTicketFunctions(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddTickets(configuration, contentRoot);
        services.AddTicketApiAuthentication(configuration);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Fill);
        services.AddExceptionHandler<StoreUnavailableHandler>();
        services.AddOpenApi();
        services.AddAssistantTelemetry(configuration);
        services.AddLogRedaction();

        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(TicketsApi.RateLimitPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(
                    http.User.RateLimitKey(http.Connection.RemoteIpAddress?.ToString()),
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.PerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Slow down: this key has used its request budget. Retry after {retryAfter} s.",
                    },
                });
            };
        });
        return services;
    }

    public static WebApplication UseTicketFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/v1.json");
        app.MapAssistantTelemetry();
        app.MapTicketsApi().MapAttachmentsApi();
        return app;
    }
}
