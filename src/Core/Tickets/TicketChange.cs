using MspSupport.Core.Identity;

namespace MspSupport.Core.Tickets;
/// <summary>A committed change to a ticket, for notifications. <see cref="Before"/> is null on create, <see cref="After"/> on delete.</summary>
public sealed record TicketChange(TicketChangeKind Kind, Ticket? Before, Ticket? After, CallerIdentity By)
{
    public string TicketId => (After ?? Before)!.TicketId;
}
