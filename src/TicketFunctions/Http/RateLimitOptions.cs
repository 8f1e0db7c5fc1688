namespace MspSupport.TicketFunctions.Http;

/// <summary>Per-caller token bucket (per client address before authentication). Bound from <c>RateLimiting</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests a caller may send in a burst.</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Requests per second a caller gets back after a burst.</summary>
    public int PerSecond { get; set; } = 10;
}
