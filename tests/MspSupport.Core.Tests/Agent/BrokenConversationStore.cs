using MspSupport.Core.Memory;

namespace MspSupport.Core.Tests.Agent;

/// <summary>A conversation store whose disk is gone: every call fails the way a real I/O failure does.</summary>
public sealed class BrokenConversationStore : IConversationStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<Conversation?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        throw new IOException("disk I/O error (simulated)");

    public Task<bool> SaveAsync(Conversation conversation, long expectedVersion, CancellationToken cancellationToken) =>
        throw new IOException("disk I/O error (simulated)");

    public Task<int> DeleteByUserAsync(string userId, CancellationToken cancellationToken) =>
        throw new IOException("disk I/O error (simulated)");
}
