namespace MspSupport.Core.Tickets;

/// <summary>
/// Persistence of tickets, with no rules about who may do what: every caller goes through
/// <see cref="TicketService"/>. Implementations: <see cref="SqliteTicketStore"/> (embedded default) and
/// <see cref="DynamoDbTicketStore"/> (AWS). Both pass the same contract test suite.
/// </summary>
public interface ITicketStore
{
    /// <summary>Creates tables or schema when missing. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Touches the store cheaply; throws when it cannot be reached (readiness check).</summary>
    Task PingAsync(CancellationToken cancellationToken);

    Task<Ticket?> GetAsync(string ticketId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates <paramref name="ticket"/> unless its id exists (<see cref="CreateStatus.IdTaken"/>). With an
    /// idempotency claim, a repeated key returns the ticket the key first created and writes nothing.
    /// </summary>
    Task<CreateResult> CreateAsync(Ticket ticket, IdempotencyClaim? idempotency, CancellationToken cancellationToken);

    /// <summary>Replaces the stored ticket if its version is still <paramref name="expectedVersion"/>.</summary>
    Task<WriteStatus> ReplaceAsync(Ticket ticket, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the ticket; with <paramref name="expectedVersion"/>, only if the version still matches.</summary>
    Task<WriteStatus> DeleteAsync(string ticketId, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Newest first (CreatedAt, then TicketId, descending), one page at a time.</summary>
    Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken);
}
