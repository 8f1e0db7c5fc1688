using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// One Bot Connector stand-in and one Teams protocol host for a whole test class (starting them per test was most of
/// the class's time); <see cref="Reset"/> gives each test a clean recording.
/// </summary>
public sealed class TeamsHostFixture : IAsyncLifetime
{
    public BotConnectorStandIn Connector { get; } = new();

    internal RecordingHandler Handler { get; } = new();

    internal TeamsHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TeamsHost.StartAsync(Connector, Handler);

    public void Reset()
    {
        Connector.Reset();
        Handler.Received.Clear();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
