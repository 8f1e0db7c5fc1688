using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// Proactive notifications in the web chat: when someone else changes a ticket filed from a web conversation, its
/// requester finds the headline and the updated ticket card in that conversation (pushed at once if the page is open,
/// there on the next reload otherwise). Conversations live in memory, so after a restart there is nowhere to post.
/// </summary>
public sealed partial class WebChatTicketNotifier(
    IConversationReferenceStore references,
    IdentityDirectory identities,
    WebConversations conversations,
    SentNotifications sent,
    ILogger<WebChatTicketNotifier> logger) : ITicketChangeListener
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: false);

    public async ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        var notice = await RequesterNotice.PrepareAsync(change, WebChatAgentBridge.Channel, references, identities, cancellationToken);
        if (notice is null)
        {
            return;
        }

        var conversation = conversations.Find(notice.Reference.ConversationId);
        if (conversation is null || !conversation.Owner.IsSame(notice.Reference.UserId, notice.Reference.TenantId))
        {
            LogGone(change.TicketId);
            return;
        }

        if (await sent.SendOnceAsync(notice, _ =>
        {
            conversation.Append(WebChatAgentBridge.BotCard(_cards.Render(notice.Card), notice.Headline));
            return Task.FromResult(true);
        }, cancellationToken))
        {
            LogNotified(change.TicketId);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Requester of {TicketId} notified in the web chat")]
    private partial void LogNotified(string ticketId);

    [LoggerMessage(2, LogLevel.Information, "Requester of {TicketId} filed it in a web conversation this process no longer holds; not notified")]
    private partial void LogGone(string ticketId);
}
