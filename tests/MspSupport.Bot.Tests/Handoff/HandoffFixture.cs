using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>One stand-in and one host for all handoff tests (starting the host indexes the knowledge base).</summary>
public sealed class HandoffFixture : IAsyncLifetime
{
    public BotConnectorStandIn Connector { get; } = new();

    internal HandoffHostFactory Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HandoffHostFactory(Connector);
        Client = Host.CreateClient();
        await Host.WaitForKnowledgeAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
