namespace MspSupport.Core.Tickets;

/// <summary>
/// Bound from <c>Tickets</c> (the same section as <see cref="TicketApiOptions"/>): how the ticket service itself
/// behaves, wherever it runs (ticket API or bot host in process). Validated at start-up.
/// </summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    public const int MaxIdempotencyKeyTtlHours = 24 * 365;

    /// <summary>
    /// How long an <c>Idempotency-Key</c> is remembered, in hours (default 24). Within that time a retry with the same
    /// key replays the first ticket; after it, the key is free and the same request files a new ticket.
    /// </summary>
    public int IdempotencyKeyTtlHours { get; set; } = 24;

    public TimeSpan IdempotencyKeyTtl => TimeSpan.FromHours(IdempotencyKeyTtlHours);
}
