namespace MspSupport.Core.Notifications;

/// <summary>
/// Where to reach a user again without them writing first: the channel's address of a conversation, captured from an
/// authenticated inbound activity. Stored per ticket (the conversation it was filed in) so that its requester can be
/// told when the ticket changes.
/// </summary>
public sealed record ConversationReference
{
    /// <summary><c>teams</c>, <c>slack</c> or <c>web</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's conversation id (Teams conversation, Slack channel, web chat conversation).</summary>
    public required string ConversationId { get; init; }

    /// <summary>Bot Framework: the serviceUrl replies go to. Slack: the team id. Web: empty.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>The thread or message to answer under (Teams reply chain, Slack thread_ts), if any.</summary>
    public string? ThreadId { get; init; }

    /// <summary>The bot's own id in that conversation (Teams: 28:app-id).</summary>
    public string? BotId { get; init; }

    /// <summary>The requester's id in the channel.</summary>
    public required string UserId { get; init; }

    /// <summary>The requester's tenant (Teams tenant id, Slack team id).</summary>
    public string? TenantId { get; init; }
}
