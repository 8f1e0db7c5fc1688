namespace MspSupport.Core.Handoff;

/// <summary>
/// Handoff cases by ticket and by the customer's conversation. Implementations: SQLite (embedded) and DynamoDB (the
/// sessions table, items <c>HANDOFF#{ticketId}</c> and a pointer <c>HANDOFFCONV#{conversationId}</c>).
/// </summary>
public interface IHandoffStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<HandoffCase?> GetAsync(string ticketId, CancellationToken cancellationToken);

    /// <summary>The newest case started from <paramref name="conversationId"/>, if any.</summary>
    Task<HandoffCase?> FindByConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="handoff"/> if the stored version is still <paramref name="expectedVersion"/> (0 = not
    /// stored yet); the stored copy gets version <paramref name="expectedVersion"/> + 1. False on a conflict.
    /// </summary>
    Task<bool> SaveAsync(HandoffCase handoff, long expectedVersion, CancellationToken cancellationToken);
}
