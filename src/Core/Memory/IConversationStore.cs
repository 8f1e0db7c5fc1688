namespace MspSupport.Core.Memory;

/// <summary>
/// Short-term memory, persisted so that a restart or a second instance continues the conversation.
/// Implementations: SQLite (embedded) and DynamoDB <c>Sessions</c> (SessionId, GSI UserIndex, TTL ExpiresAt).
/// </summary>
public interface IConversationStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<Conversation?> GetAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="conversation"/> (keeping only its last <see cref="Conversation.MaxMessages"/> messages)
    /// if the stored version is still <paramref name="expectedVersion"/> (0 = not stored yet). False on a conflict;
    /// the caller reloads and retries. The stored copy gets version <paramref name="expectedVersion"/> + 1.
    /// </summary>
    Task<bool> SaveAsync(Conversation conversation, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes every conversation owned by <paramref name="userId"/> ("forget me"); returns how many.</summary>
    Task<int> DeleteByUserAsync(string userId, CancellationToken cancellationToken);
}
