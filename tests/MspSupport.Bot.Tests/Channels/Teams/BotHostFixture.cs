using Microsoft.Extensions.DependencyInjection;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// The real bot host and its Bot Connector stand-in, started once for a test class (the host ingests the knowledge
/// base on start). Tests reset the stand-in's recording and use their own conversations.
/// </summary>
public class BotHostFixture : IAsyncLifetime
{
    public BotConnectorStandIn Connector { get; } = new();

    internal BotHostFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new BotHostFactory(Connector, Settings(), Services);
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Connector.DisposeAsync();
    }

    protected virtual IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    protected virtual void Services(IServiceCollection services)
    {
    }
}
