using Microsoft.Extensions.Hosting;

namespace MspSupport.Core.Marks;

/// <summary>Creates or checks the mark store's schema before the host takes requests; a store that cannot be reached stops start-up.</summary>
public sealed class MarkStoreInitializer(IMarkStore marks) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => marks.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
