using MspSupport.Core.Identity;

namespace MspSupport.Core.Tickets;

/// <summary>
/// What the agent's tools do with tickets, always as a given caller. <see cref="TicketService"/> does it in process
/// (the default); <see cref="TicketApiClient"/> does it through the ticket API (the seed's flow: tool → API Gateway
/// → Lambda) when <c>Tickets:ApiBaseUrl</c> is set. The same rules apply either way: the service enforces them.
/// </summary>
public interface ITicketOperations
{
    Task<TicketResult<Ticket>> CreateAsync(CallerIdentity caller, NewTicketRequest request, string? idempotencyKey, CancellationToken cancellationToken);

    Task<TicketResult<Ticket>> GetAsync(CallerIdentity caller, string ticketId, CancellationToken cancellationToken);

    Task<TicketResult<TicketList>> ListAsync(CallerIdentity caller, TicketListRequest request, CancellationToken cancellationToken);

    Task<TicketResult<Ticket>> UpdateAsync(CallerIdentity caller, string ticketId, TicketChanges changes, long? expectedVersion, CancellationToken cancellationToken);

    Task<TicketResult<Ticket>> AddNoteAsync(CallerIdentity caller, string ticketId, string? text, bool isInternal, CancellationToken cancellationToken);
}
