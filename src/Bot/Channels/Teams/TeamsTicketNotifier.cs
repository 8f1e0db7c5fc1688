using System.Text.Json;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Proactive notifications in Teams. A ticket filed during a Teams turn remembers that conversation; when someone
/// else later changes it (from any channel or the ticket API), the requester gets the updated ticket card there, drawn
/// for what the requester may see. Failures are logged by the ticket service and never undo the change.
/// </summary>
public sealed partial class TeamsTicketNotifier(
    IConversationReferenceStore references,
    ConnectorClient connector,
    TrustedServiceUrls trusted,
    IdentityDirectory identities,
    SentNotifications sent,
    ILogger<TeamsTicketNotifier> logger) : ITicketChangeListener
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: true);

    public async ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        var notice = await RequesterNotice.PrepareAsync(change, "teams", references, identities, cancellationToken);
        if (notice is not { Reference: { ServiceUrl: { } serviceUrl } reference })
        {
            return;
        }

        // The reference was stored from an authenticated activity; after a restart its serviceUrl is trusted again from here.
        trusted.Trust(serviceUrl);
        var activity = new Activity
        {
            Type = "message",
            Text = notice.Headline,
            From = reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId },
            Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId },
            Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = JsonSerializer.SerializeToElement(_cards.Render(notice.Card), TeamsCardJsonContext.Default.JsonObject) }],
        };
        // A failed send throws (the connector's error), which releases the record: a redelivery sends again.
        if (await sent.SendOnceAsync(notice, async ct =>
        {
            await connector.SendAsync(serviceUrl, reference.ConversationId, activity, null, ct);
            return true;
        }, cancellationToken))
        {
            LogNotified(change.TicketId);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Requester of {TicketId} notified in Teams")]
    private partial void LogNotified(string ticketId);
}
