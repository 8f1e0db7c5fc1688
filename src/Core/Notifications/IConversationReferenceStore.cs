namespace MspSupport.Core.Notifications;

/// <summary>
/// Ticket id → the conversation its requester filed it from. Implementations: SQLite (embedded) and DynamoDB
/// (the <c>Sessions</c> table, items keyed <c>TICKETREF#{ticketId}</c>).
/// </summary>
public interface IConversationReferenceStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Remembers where <paramref name="ticketId"/> was filed. A second call for the same ticket keeps the first.</summary>
    Task SaveAsync(string ticketId, ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// Puts notifications about <paramref name="ticketId"/> into the thread <paramref name="threadId"/> of its
    /// conversation (the ticket's own message, posted after the ticket was filed), in one conditional write: only if
    /// the reference is in <paramref name="channel"/>'s <paramref name="conversationId"/> and has no thread yet. A
    /// notification sent meanwhile reads either the reference before or the reference after, never none.
    /// </summary>
    /// <returns>Whether the thread was set.</returns>
    Task<bool> AttachThreadAsync(string ticketId, string channel, string conversationId, string threadId, CancellationToken cancellationToken);

    Task<ConversationReference?> GetAsync(string ticketId, CancellationToken cancellationToken);
}
