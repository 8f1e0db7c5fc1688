using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MspSupport.TicketFunctions.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts (the ticket API alone, and the bot host that embeds it): the assistant's spans and
/// metrics (<see cref="AssistantTelemetry"/>), model and tool calls (Microsoft.Extensions.AI), ASP.NET Core requests
/// (<c>http.server.request.duration</c> gives API latency and error rates), outbound HTTP; exported over OTLP when
/// <c>Telemetry:Otlp:Endpoint</c> is set and scraped at <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled</c>.
/// </summary>
public static class TelemetrySetup
{
    private static readonly string[] Sources = [AssistantTelemetry.Name, AgentModels.ActivitySource, "System.Net.Http"];
    private static readonly string[] Meters =
        [AssistantTelemetry.Name, AgentModels.ActivitySource, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static IServiceCollection AddAssistantTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());

        var options = new TelemetryOptions();
        section.Bind(options);
        if (!options.IsOn)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName ?? DefaultServiceName()))
            .WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsScrapeOrProbe(http.Request.Path, options)))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        // A bad URL or protocol is reported by the validator at start, naming the setting; here it is just skipped.
        if (OtlpEndpoint(options.Otlp) is { } endpoint && OtlpProtocol(options.Otlp) is { } protocol)
        {
            telemetry.UseOtlpExporter(protocol, endpoint);
        }

        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint when <c>Telemetry:Prometheus:Enabled</c> is set.</summary>
    public static WebApplication MapAssistantTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path);
        }

        return app;
    }

    internal static Uri? OtlpEndpoint(TelemetryOtlpOptions options) =>
        Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    internal static OtlpExportProtocol? OtlpProtocol(TelemetryOtlpOptions options) => options.Protocol?.Trim().ToUpperInvariant() switch
    {
        "GRPC" => OtlpExportProtocol.Grpc,
        "HTTPPROTOBUF" or "HTTP/PROTOBUF" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };

    private static bool IsScrapeOrProbe(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments("/health") || (options.Prometheus.Enabled && path.StartsWithSegments(options.Prometheus.Path));

    private static string DefaultServiceName() =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "msp-support";
}
