using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// Requester notifications in the web chat: when someone else changes a ticket filed from a web conversation, its
/// requester finds the headline and the updated ticket card in that conversation (pushed at once if the page is open,
/// there on the next reload otherwise). Conversations live in memory, so after a restart there is nowhere to post:
/// that is permanent, and a retry would not help.
/// </summary>
public sealed partial class WebChatTicketNotifier(WebConversations conversations, ILogger<WebChatTicketNotifier> logger) : IRequesterNotifier
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: false);

    public string Channel => WebChatAgentBridge.Channel;

    public Task<NotificationOutcome> SendAsync(RequesterNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var conversation = conversations.Find(notice.Reference.ConversationId);
        if (conversation is null || !conversation.Owner.IsSame(notice.Reference.UserId, notice.Reference.TenantId))
        {
            LogGone(notice.Card.TicketId);
            return Task.FromResult(NotificationOutcome.FailedPermanent);
        }

        conversation.Append(WebChatAgentBridge.BotCard(_cards.Render(notice.Card), notice.Headline));
        return Task.FromResult(NotificationOutcome.Sent);
    }

    [LoggerMessage(2, LogLevel.Information, "Requester of {TicketId} filed it in a web conversation this process no longer holds; not notified")]
    private partial void LogGone(string ticketId);
}
