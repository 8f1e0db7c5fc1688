namespace MspSupport.Core.Tickets;

/// <summary>
/// Told about every committed ticket change (proactive notifications in Teams, Slack, web chat). Called after the
/// write; a listener's failure is logged and never undoes or fails the change.
/// </summary>
public interface ITicketChangeListener
{
    ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken);
}
