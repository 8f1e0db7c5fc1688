using MspSupport.Core.Tickets;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Remembers, for every ticket created during a channel turn, the conversation it was filed from (whatever the
/// channel), so that the channel's notifier can reach its requester later.
/// </summary>
public sealed class ConversationReferenceRecorder(IConversationReferenceStore references) : ITicketChangeListener
{
    public async ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind == TicketChangeKind.Created && CurrentConversation.Value is { } here)
        {
            await references.SaveAsync(change.TicketId, here, cancellationToken);
        }
    }
}
