namespace MspSupport.Core.Tickets;

/// <summary>How a ticket operation ended. Expected failures are values, not exceptions.</summary>
public enum TicketOutcome
{
    Ok,
    Created,

    /// <summary>A repeated idempotency key: the value is the ticket the first request created.</summary>
    Replayed,

    /// <summary>The request is malformed; <see cref="TicketResult{T}.Errors"/> names each bad field.</summary>
    Invalid,

    /// <summary>No such ticket, or one the caller may not see (the two are indistinguishable on purpose).</summary>
    NotFound,

    /// <summary>The caller sees the ticket but may not do this to it.</summary>
    Forbidden,

    /// <summary>The ticket's state does not allow the change (e.g. editing a closed ticket).</summary>
    Conflict,

    /// <summary>The caller named a version that is no longer current.</summary>
    VersionMismatch,

    /// <summary>The idempotency key was used before for a different request.</summary>
    IdempotencyKeyReused,
}
