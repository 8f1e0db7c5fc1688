using System.ComponentModel.DataAnnotations;

namespace MspSupport.TicketFunctions.Http;

/// <summary>Per-caller token bucket (per client address before authentication). Bound from <c>RateLimiting</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests a caller may send in a burst.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimiting:Burst must be between 1 and 1,000,000.")]
    public int Burst { get; set; } = 60;

    /// <summary>Requests per second a caller gets back after a burst.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimiting:PerSecond must be between 1 and 1,000,000.")]
    public int PerSecond { get; set; } = 10;
}
