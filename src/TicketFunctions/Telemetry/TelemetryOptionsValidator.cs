using Microsoft.Extensions.Options;

namespace MspSupport.TicketFunctions.Telemetry;

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Otlp.Endpoint) && TelemetrySetup.OtlpEndpoint(options.Otlp) is null)
        {
            failures.Add($"Telemetry:Otlp:Endpoint must be an absolute http or https URL such as http://localhost:4317 (got '{options.Otlp.Endpoint}').");
        }

        if (TelemetrySetup.OtlpProtocol(options.Otlp) is null)
        {
            failures.Add($"Telemetry:Otlp:Protocol must be Grpc or HttpProtobuf (got '{options.Otlp.Protocol}').");
        }

        if (options.Prometheus.Enabled && (string.IsNullOrWhiteSpace(options.Prometheus.Path) || !options.Prometheus.Path.StartsWith('/')))
        {
            failures.Add($"Telemetry:Prometheus:Path must start with '/', e.g. /metrics (got '{options.Prometheus.Path}').");
        }

        if (options.ServiceName is { } service && string.IsNullOrWhiteSpace(service))
        {
            failures.Add("Telemetry:ServiceName must not be blank; leave it out to use the application's name.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
