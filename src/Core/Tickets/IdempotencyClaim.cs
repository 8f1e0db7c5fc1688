namespace MspSupport.Core.Tickets;

/// <summary>
/// An idempotency key as the store keeps it. <paramref name="Key"/> is already scoped to the caller and hashed;
/// <paramref name="Fingerprint"/> is a hash of the request, so that a key reused for a different request is refused
/// instead of silently answering with the wrong ticket.
/// </summary>
/// <param name="ClaimedAt">
/// When this request was made. A stored record whose <see cref="ExpiresAt"/> is not after it is treated as absent:
/// the key is free again and creates a new ticket. The store takes its idea of "now" from here, not from a clock.
/// </param>
/// <param name="ExpiresAt">How long a record written by this request is kept (<c>Tickets:IdempotencyKeyTtlHours</c>).</param>
public sealed record IdempotencyClaim(string Key, string Fingerprint, DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt);
