namespace MspSupport.Core.Handoff;

/// <summary>
/// Handoff cases by ticket and by the customer's conversation. Implementations: SQLite (embedded) and DynamoDB (the
/// sessions table: a conversation's cases in <c>HANDOFFCONV#{conversationId}</c>, each ticket's conversation in
/// <c>HANDOFF#{ticketId}</c>). A case is stored whole or not at all: found by its ticket exactly when found by its
/// conversation (unless a newer case of that conversation came after it).
/// </summary>
public interface IHandoffStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<HandoffCase?> GetAsync(string ticketId, CancellationToken cancellationToken);

    /// <summary>The newest case started from <paramref name="conversationId"/>, if any.</summary>
    Task<HandoffCase?> FindByConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="handoff"/> if the stored version is still <paramref name="expectedVersion"/> (0 = not
    /// stored yet); the stored copy gets version <paramref name="expectedVersion"/> + 1. False on a conflict, including a
    /// ticket whose case was started from another conversation.
    /// </summary>
    Task<bool> SaveAsync(HandoffCase handoff, long expectedVersion, CancellationToken cancellationToken);
}
