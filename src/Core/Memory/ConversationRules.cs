using MspSupport.Core.Tickets;

namespace MspSupport.Core.Memory;

/// <summary>What every conversation store does to a conversation before it keeps it, so that all stores agree.</summary>
internal static class ConversationRules
{
    public static void CheckSave(Conversation conversation, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrEmpty(conversation.ConversationId, nameof(conversation));
        // DynamoDB refuses an empty string as an index key, so an owner is required everywhere.
        ArgumentException.ThrowIfNullOrEmpty(conversation.UserId, nameof(conversation));
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
    }

    /// <summary>
    /// The copy to store: the last <see cref="Conversation.MaxMessages"/> messages, the next version, and the save
    /// time as <see cref="Conversation.UpdatedAt"/> (the store's clock, which also drives expiry). Its lists are its
    /// own, so that a store may hand the copy it saved to later readers whatever the caller does with its lists.
    /// </summary>
    public static Conversation ForStorage(Conversation conversation, long expectedVersion, DateTimeOffset now)
    {
        var messages = conversation.Messages;
        return conversation with
        {
            Messages = messages.Skip(Math.Max(0, messages.Count - Conversation.MaxMessages)).ToArray(),
            State = new Dictionary<string, string>(conversation.State, StringComparer.Ordinal),
            Version = expectedVersion + 1,
            UpdatedAt = UtcTimestamp.Truncate(now),
        };
    }

    /// <summary>Epoch seconds after which the conversation reads as absent (the unit DynamoDB's TTL wants).</summary>
    public static long ExpiresAt(DateTimeOffset now, MemoryOptions options) =>
        now.AddDays(options.ConversationTtlDays).ToUnixTimeSeconds();

    public static bool IsExpired(long expiresAt, DateTimeOffset now) => expiresAt <= now.ToUnixTimeSeconds();
}
