namespace MspSupport.TicketFunctions.Telemetry;

/// <summary>The OTLP exporter (traces, metrics and logs to a collector). Bound from <c>Telemetry:Otlp</c>.</summary>
public sealed class TelemetryOtlpOptions
{
    /// <summary>The collector's base URL, e.g. <c>http://localhost:4317</c> (gRPC) or <c>http://localhost:4318</c> (HTTP); unset means no OTLP export.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>; with HTTP the signal paths (<c>/v1/traces</c>, ...) are appended.</summary>
    public string Protocol { get; set; } = "Grpc";
}
