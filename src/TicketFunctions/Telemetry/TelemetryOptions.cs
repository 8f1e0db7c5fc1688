namespace MspSupport.TicketFunctions.Telemetry;

/// <summary>
/// Where traces, metrics and logs go. Bound from <c>Telemetry</c>. Off unless an exporter is configured (or
/// <see cref="Enabled"/> is set, for a host that adds its own exporter), so a laptop run pays nothing for spans.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Turns the pipeline on without an exporter of ours (a test's in-memory exporter, a host's own).</summary>
    public bool Enabled { get; set; }

    /// <summary>The <c>service.name</c> resource attribute; defaults to the host's application name.</summary>
    public string? ServiceName { get; set; }

    public TelemetryOtlpOptions Otlp { get; set; } = new();

    public TelemetryPrometheusOptions Prometheus { get; set; } = new();

    /// <summary>True when any part of the pipeline is wanted.</summary>
    public bool IsOn => Enabled || !string.IsNullOrWhiteSpace(Otlp.Endpoint) || Prometheus.Enabled;
}
