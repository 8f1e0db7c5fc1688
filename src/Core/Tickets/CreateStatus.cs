namespace MspSupport.Core.Tickets;

public enum CreateStatus
{
    /// <summary>The ticket was written.</summary>
    Created,

    /// <summary>The idempotency key was used before for the same request; <see cref="CreateResult.Ticket"/> is the first ticket.</summary>
    Replayed,

    /// <summary>The idempotency key was used before for a different request; nothing was written.</summary>
    KeyReused,

    /// <summary>A ticket with this id exists; nothing was written. The caller picks a new id.</summary>
    IdTaken,
}
