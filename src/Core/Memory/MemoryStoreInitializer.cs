using Microsoft.Extensions.Hosting;

namespace MspSupport.Core.Memory;

/// <summary>Creates or checks the memory stores' schema before the host takes turns; a store that cannot be reached stops start-up.</summary>
public sealed class MemoryStoreInitializer(IConversationStore conversations, IMemoryStore memories) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One after the other: on DynamoDB both ensure the same table, and a second concurrent create is just noise.
        await conversations.InitializeAsync(cancellationToken);
        await memories.InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
