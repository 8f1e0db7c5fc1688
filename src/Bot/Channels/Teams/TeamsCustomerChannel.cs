using MspSupport.Core.Handoff;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>Delivers a technician's message to a customer who escalated from Teams, in the conversation (and reply chain) they wrote in.</summary>
public sealed class TeamsCustomerChannel(ConnectorClient connector, TrustedServiceUrls trusted) : ICustomerChannel
{
    public string Name => "teams";

    public Task SendAsync(ConversationReference to, string text, string? fromName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var serviceUrl = to.ServiceUrl ?? throw new InvalidOperationException("The customer's Teams conversation has no service URL.");
        // Stored from an authenticated activity; after a restart it is trusted again from here (as the ticket notifier does).
        trusted.Trust(serviceUrl);
        var activity = new Activity
        {
            Type = "message",
            Text = fromName is null ? text : $"**{fromName}:** {text}",
            TextFormat = "markdown",
            From = to.BotId is null ? null : new ChannelAccount { Id = to.BotId },
            Conversation = new ConversationAccount { Id = to.ConversationId, TenantId = to.TenantId },
        };
        return connector.SendAsync(serviceUrl, to.ConversationId, activity, to.ThreadId, cancellationToken);
    }
}
