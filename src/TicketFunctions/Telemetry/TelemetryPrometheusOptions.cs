namespace MspSupport.TicketFunctions.Telemetry;

/// <summary>The Prometheus text-format scrape endpoint. Bound from <c>Telemetry:Prometheus</c>.</summary>
public sealed class TelemetryPrometheusOptions
{
    public bool Enabled { get; set; }

    /// <summary>Where the endpoint answers; serve it on a port only the scraper reaches.</summary>
    public string Path { get; set; } = "/metrics";
}
