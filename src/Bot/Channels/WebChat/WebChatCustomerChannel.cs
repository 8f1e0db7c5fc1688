using MspSupport.Bot.Channels.Teams;
using MspSupport.Core.Handoff;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// Delivers a technician's message into a web chat conversation (pushed at once to an open page, there on reload).
/// Conversations live in this process's memory: one that is gone (evicted, or the host restarted) cannot be reached,
/// and the send fails so that the technician sees it on the card.
/// </summary>
public sealed class WebChatCustomerChannel(WebConversations conversations) : ICustomerChannel
{
    public string Name => WebChatAgentBridge.Channel;

    public Task SendAsync(ConversationReference to, string text, string? fromName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var conversation = conversations.Find(to.ConversationId);
        if (conversation is null || !conversation.Owner.IsSame(to.UserId, to.TenantId))
        {
            throw new InvalidOperationException("the customer's web chat conversation is no longer open on this server");
        }

        var from = fromName is null ? WebChatAgentBridge.Bot : new ChannelAccount { Id = "msp-technician", Name = fromName, Role = "bot" };
        conversation.Append(new Activity { Type = "message", From = from, Text = fromName is null ? text : $"**{fromName}:** {text}", TextFormat = "markdown" });
        return Task.CompletedTask;
    }
}
