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

    Task<ConversationReference?> GetAsync(string ticketId, CancellationToken cancellationToken);

    Task DeleteAsync(string ticketId, CancellationToken cancellationToken);
}
