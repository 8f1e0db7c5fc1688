namespace MspSupport.Core.Tickets;

/// <summary>
/// An idempotency key as the store keeps it. <paramref name="Key"/> is already scoped to the caller and hashed;
/// <paramref name="Fingerprint"/> is a hash of the request, so that a key reused for a different request is refused
/// instead of silently answering with the wrong ticket.
/// </summary>
public sealed record IdempotencyClaim(string Key, string Fingerprint);
