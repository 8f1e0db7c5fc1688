using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Notifications;

/// <summary>
/// What one channel needs to tell a ticket's requester about a change: where (the stored reference), who (the
/// requester as the identity directory knows them), and what (a headline and the ticket card drawn for what the
/// requester may see). <see cref="PrepareAsync"/> returns null when there is nothing to send on that channel: the
/// ticket was filed elsewhere, the requester made the change, it only added an internal note, or they may no longer
/// see the ticket. <see cref="NotificationId"/> names the change on that channel (ticket id and the version the change
/// produced), so that <see cref="SentNotifications"/> tells a redelivered change once.
/// </summary>
public sealed record RequesterNotice(ConversationReference Reference, CallerIdentity Requester, string Headline, TicketCard Card, string NotificationId)
{
    public static async Task<RequesterNotice?> PrepareAsync(
        TicketChange change, string channel, IConversationReferenceStore references, IdentityDirectory identities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(identities);
        var headline = TicketChangeHeadline.For(change);
        if (headline is null || change.After is not { } after || RequesterAlreadyTold.IsActive)
        {
            return null;
        }

        var reference = await references.GetAsync(change.TicketId, cancellationToken);
        if (reference is null || reference.Channel != channel)
        {
            return null;
        }

        if (change.By.Channel == channel && change.By.UserId == reference.UserId && change.By.TenantId == reference.TenantId)
        {
            return null;
        }

        var requester = identities.Resolve(channel, reference.TenantId, reference.UserId, null);
        if (!TicketService.CanSee(requester, after))
        {
            return null;
        }

        return new RequesterNotice(reference, requester, headline, TicketCards.Ticket(requester, TicketService.View(requester, after), headline),
            $"{channel}:{after.TicketId}:v{after.Version}");
    }
}
