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
    ILogger<TeamsTicketNotifier> logger) : ITicketChangeListener
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: true);

    public async ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind == TicketChangeKind.Created)
        {
            if (CurrentConversation.Value is { } here)
            {
                await references.SaveAsync(change.TicketId, here, cancellationToken);
            }

            return;
        }

        var headline = TicketChangeHeadline.For(change);
        var reference = headline is null ? null : await references.GetAsync(change.TicketId, cancellationToken);
        if (reference is not { Channel: "teams", ServiceUrl: { } serviceUrl } || IsRequester(reference, change.By))
        {
            return;
        }

        var requester = identities.Resolve("teams", reference.TenantId, reference.UserId, null);
        if (!TicketService.CanSee(requester, change.After!))
        {
            return;
        }

        // The reference was stored from an authenticated activity; after a restart its serviceUrl is trusted again from here.
        trusted.Trust(serviceUrl);
        var card = TicketCards.Ticket(requester, TicketService.View(requester, change.After!), headline);
        var activity = new Activity
        {
            Type = "message",
            Text = headline,
            From = reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId },
            Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId },
            Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = JsonSerializer.SerializeToElement(_cards.Render(card), TeamsCardJsonContext.Default.JsonObject) }],
        };
        await connector.SendAsync(serviceUrl, reference.ConversationId, activity, null, cancellationToken);
        LogNotified(change.TicketId);
    }

    private static bool IsRequester(ConversationReference reference, CallerIdentity by) =>
        by.Channel == "teams" && by.UserId == reference.UserId && by.TenantId == reference.TenantId;

    [LoggerMessage(1, LogLevel.Information, "Requester of {TicketId} notified in Teams")]
    private partial void LogNotified(string ticketId);
}
