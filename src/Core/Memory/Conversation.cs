namespace MspSupport.Core.Memory;

/// <summary>
/// Short-term memory of one conversation (a Teams chat, a Slack thread, a web chat session): its last messages and
/// a small state the agent keeps between turns (last ticket mentioned, a pending confirmation, ...).
/// </summary>
public sealed record Conversation
{
    /// <summary>The seed keeps the last 20 messages of a conversation.</summary>
    public const int MaxMessages = 20;

    public required string ConversationId { get; init; }

    /// <summary>Owner of the conversation: <see cref="Identity.CallerIdentity.Key"/> of the user who started it.</summary>
    public required string UserId { get; init; }

    public IReadOnlyList<ConversationMessage> Messages { get; init; } = [];

    /// <summary>Opaque to the store; its keys and values belong to the agent.</summary>
    public IReadOnlyDictionary<string, string> State { get; init; } = new Dictionary<string, string>();

    /// <summary>0 for a conversation not stored yet; grows by one with every save.</summary>
    public long Version { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
