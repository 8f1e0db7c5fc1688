namespace MspSupport.Core.Tickets;

/// <summary>
/// Bound from <c>Tickets</c>. With <see cref="ApiBaseUrl"/> set, the agent's tools go through the ticket API with a
/// <c>Service</c> key instead of calling the ticket service in process.
/// </summary>
public sealed class TicketApiOptions
{
    public const string Section = "Tickets";

    /// <summary>The ticket API, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com/ ; empty = in process.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>An API key whose role is <c>Service</c> (it may act on behalf of the caller it names).</summary>
    public string? ApiKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiBaseUrl);
}
