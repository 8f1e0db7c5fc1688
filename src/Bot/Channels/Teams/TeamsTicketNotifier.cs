using System.Text.Json;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Requester notifications in Teams. A ticket filed during a Teams turn remembers that conversation; when someone
/// else later changes it (from any channel or the ticket API), the requester gets the updated ticket card there, drawn
/// for what the requester may see. The connector's 400, 403, 404 and 410 (conversation gone, bot removed) are
/// permanent; anything else that fails after the client's own retries (5xx, 429, no answer) is retryable.
/// </summary>
public sealed class TeamsTicketNotifier(ConnectorClient connector, TrustedServiceUrls trusted) : IRequesterNotifier
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: true);

    public string Channel => "teams";

    public async Task<NotificationOutcome> SendAsync(RequesterNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice is not { Reference: { ServiceUrl: { } serviceUrl } reference })
        {
            return NotificationOutcome.NotApplicable;
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
        try
        {
            await connector.SendAsync(serviceUrl, reference.ConversationId, activity, null, cancellationToken);
            return NotificationOutcome.Sent;
        }
        catch (ConnectorException e) when (e.StatusCode is 400 or 403 or 404 or 410)
        {
            return NotificationOutcome.FailedPermanent;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The connector client logged the answer; the redelivery tries again.
            return NotificationOutcome.FailedRetryable;
        }
    }
}
