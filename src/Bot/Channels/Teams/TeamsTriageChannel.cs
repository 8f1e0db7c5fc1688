using System.Text.Json;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Cards;
using MspSupport.Core.Handoff;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// The technicians' triage channel in Teams. A card sent to a channel's conversation id starts a new post (thread)
/// there; replies to that activity land in its thread; a PUT on the activity updates the card in place for everyone.
/// The channel and its service URL come from <c>Handoff:Triage</c>, set by the operator, so they are trusted as such.
/// </summary>
public sealed class TeamsTriageChannel(ConnectorClient connector, TrustedServiceUrls trusted) : ITriageChannel
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: true);

    public async Task<TriageThread> StartThreadAsync(TriageTarget target, TriageCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var serviceUrl = target.ServiceUrl ?? throw new InvalidOperationException("The triage channel has no ServiceUrl.");
        var channelId = target.ConversationId ?? throw new InvalidOperationException("The triage channel has no ConversationId.");
        trusted.Trust(serviceUrl);
        var activity = CardActivity(card) with { Conversation = new ConversationAccount { Id = channelId, TenantId = target.TenantId, IsGroup = true } };
        var id = await connector.SendAsync(serviceUrl, channelId, activity, null, cancellationToken)
                 ?? throw new ConnectorException("The Bot Connector gave the triage card no activity id, so its thread cannot be found again.");
        return new TriageThread("teams", serviceUrl, channelId, id);
    }

    public Task PostAsync(TriageThread thread, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        trusted.Trust(thread.ServiceUrl);
        var activity = new Activity
        {
            Type = "message",
            Text = text,
            TextFormat = "plain",
            Conversation = new ConversationAccount { Id = thread.ConversationId },
            ReplyToId = thread.ActivityId,
        };
        return connector.SendAsync(thread.ServiceUrl, thread.ConversationId, activity, thread.ActivityId, cancellationToken);
    }

    public Task UpdateCardAsync(TriageThread thread, TriageCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        trusted.Trust(thread.ServiceUrl);
        var activity = CardActivity(card) with { Id = thread.ActivityId, Conversation = new ConversationAccount { Id = thread.ConversationId } };
        return connector.UpdateAsync(thread.ServiceUrl, thread.ConversationId, thread.ActivityId, activity, cancellationToken);
    }

    private Activity CardActivity(TriageCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new Activity
        {
            Type = "message",
            Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = JsonSerializer.SerializeToElement(_cards.Render(card), TeamsCardJsonContext.Default.JsonObject) }],
        };
    }
}
