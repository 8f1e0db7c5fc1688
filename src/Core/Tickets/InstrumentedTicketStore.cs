using MspSupport.Core.Diagnostics;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Wraps whichever ticket store is configured so that every call is a client span and every failure, throttles
/// apart, counts in the store metrics (see <see cref="StoreCalls"/>).
/// </summary>
public sealed class InstrumentedTicketStore : ITicketStore
{
    private readonly ITicketStore _inner;
    private readonly StoreCalls _calls;

    /// <param name="system">The <c>db.system.name</c> value: <c>sqlite</c> or <c>aws.dynamodb</c>.</param>
    public InstrumentedTicketStore(ITicketStore inner, string system)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _calls = new StoreCalls(system, "tickets");
    }

    /// <summary>The store being traced.</summary>
    public ITicketStore Inner => _inner;

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => _inner.PingAsync(cancellationToken);

    public Task<Ticket?> GetAsync(string ticketId, CancellationToken cancellationToken) =>
        _calls.TraceAsync("get", () => _inner.GetAsync(ticketId, cancellationToken));

    public Task<CreateResult> CreateAsync(Ticket ticket, IdempotencyClaim? idempotency, CancellationToken cancellationToken) =>
        _calls.TraceAsync("create", () => _inner.CreateAsync(ticket, idempotency, cancellationToken),
            (activity, result) => activity.SetTag("mspsupport.store.outcome", result.Status.ToString()));

    public Task<WriteStatus> ReplaceAsync(Ticket ticket, long expectedVersion, CancellationToken cancellationToken) =>
        _calls.TraceAsync("replace", () => _inner.ReplaceAsync(ticket, expectedVersion, cancellationToken),
            (activity, result) => activity.SetTag("mspsupport.store.outcome", result.ToString()));

    public Task<WriteStatus> DeleteAsync(string ticketId, long? expectedVersion, CancellationToken cancellationToken) =>
        _calls.TraceAsync("delete", () => _inner.DeleteAsync(ticketId, expectedVersion, cancellationToken),
            (activity, result) => activity.SetTag("mspsupport.store.outcome", result.ToString()));

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken) =>
        _calls.TraceAsync("list", () => _inner.ListAsync(query, cancellationToken),
            (activity, page) => activity.SetTag("mspsupport.store.returned", page.Items.Count));
}
