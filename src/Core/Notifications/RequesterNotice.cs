using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Notifications;

/// <summary>
/// What a ticket's requester should be told about a change, and where: the stored reference (its channel picks the
/// <see cref="IRequesterNotifier"/>), who (the requester as the identity directory knows them), and what (a headline
/// and the ticket card drawn for what the requester may see). <see cref="PrepareAsync"/> returns null when there is
/// nothing to send: no reference, the requester made the change, it only added an internal note, or they may no longer
/// see the ticket. <see cref="NotificationId"/> names the change on that channel (ticket id and the version the change
/// produced), so that <see cref="SentNotifications"/> tells a redelivered or retried change once.
/// </summary>
public sealed record RequesterNotice(ConversationReference Reference, CallerIdentity Requester, string Headline, TicketCard Card, string NotificationId)
{
    public static async Task<RequesterNotice?> PrepareAsync(
        TicketChange change, IConversationReferenceStore references, IdentityDirectory identities, CancellationToken cancellationToken)
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
        if (reference is null)
        {
            return null;
        }

        if (change.By.Channel == reference.Channel && change.By.UserId == reference.UserId && change.By.TenantId == reference.TenantId)
        {
            return null;
        }

        return For(reference, identities, after, headline, IdOf(reference.Channel, after.TicketId, after.Version));
    }

    /// <summary>
    /// The notice of a change whose send failed, drawn again for a retry: the change's headline with the ticket as it
    /// is now (<paramref name="current"/>), so the card never shows what the requester may no longer see. Null when the
    /// requester is no longer to be told there: the reference is gone or moved channel, or the ticket is out of their sight.
    /// </summary>
    public static async Task<RequesterNotice?> PrepareAgainAsync(
        PendingNotification pending, Ticket current, IConversationReferenceStore references, IdentityDirectory identities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(identities);
        var reference = await references.GetAsync(pending.TicketId, cancellationToken);
        return reference is null || reference.Channel != pending.Channel
            ? null
            : For(reference, identities, current, pending.Headline, pending.NotificationId);
    }

    /// <summary>The id of the notification of the change that produced <paramref name="version"/>, on <paramref name="channel"/>.</summary>
    public static string IdOf(string channel, string ticketId, long version) => $"{channel}:{ticketId}:v{version}";

    private static RequesterNotice? For(ConversationReference reference, IdentityDirectory identities, Ticket ticket, string headline, string notificationId)
    {
        var requester = identities.Resolve(reference.Channel, reference.TenantId, reference.UserId, null);
        return TicketService.CanSee(requester, ticket)
            ? new RequesterNotice(reference, requester, headline, TicketCards.Ticket(requester, TicketService.View(requester, ticket), headline), notificationId)
            : null;
    }
}
