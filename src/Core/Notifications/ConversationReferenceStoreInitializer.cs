using Microsoft.Extensions.Hosting;

namespace MspSupport.Core.Notifications;

/// <summary>Creates or checks the conversation reference store's schema before the host takes turns; a store that cannot be reached stops start-up.</summary>
public sealed class ConversationReferenceStoreInitializer(IConversationReferenceStore references) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => references.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
