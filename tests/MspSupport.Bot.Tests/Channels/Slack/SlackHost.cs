using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>One bot host and one Slack stand-in shared by a test class; tests keep apart by using their own channels.</summary>
public sealed class SlackHost : IAsyncLifetime
{
    internal SlackApiStandIn Slack { get; private set; } = null!;

    internal SlackHostFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await SlackApiStandIn.StartAsync();
        Factory = new SlackHostFactory(Slack);
        Client = Factory.CreateClient();
        await Factory.WaitForKnowledgeAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
