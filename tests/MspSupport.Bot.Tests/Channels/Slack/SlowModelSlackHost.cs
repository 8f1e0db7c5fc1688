using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Agent.Models;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>
/// A bot host of its own with the Slack channel on and a model that thinks for <see cref="ThinkingTime"/> before it
/// answers <see cref="Answer"/>: a question's work is still running while the test sends more, or stops the host.
/// </summary>
internal sealed class SlowModelSlackHost : IAsyncDisposable
{
    public const string Answer = "Turn off power saving for the wireless adapter and then reconnect to the office network.";

    public static readonly TimeSpan ThinkingTime = TimeSpan.FromMilliseconds(2500);

    private SlowModelSlackHost(SlackApiStandIn slack, SlackHostFactory factory)
    {
        Slack = slack;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public SlackApiStandIn Slack { get; }

    public SlackHostFactory Factory { get; }

    public HttpClient Client { get; }

    public static async Task<SlowModelSlackHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, SlackApiStandIn? slack = null)
    {
        slack ??= await SlackApiStandIn.StartAsync();
        var model = new SlowChatClient(new ScriptedChatClient { FallbackText = Answer }, ThinkingTime);
        var factory = new SlackHostFactory(slack, settings, extraServices: services =>
        {
            services.AddKeyedSingleton<IChatClient>(AgentModels.CheapClientKey, model);
            services.AddKeyedSingleton<IChatClient>(AgentModels.CapableClientKey, model);
        });
        var host = new SlowModelSlackHost(slack, factory);
        await factory.WaitForKnowledgeAsync();
        return host;
    }

    /// <summary>Stops the host the way a deployment does (its shutdown timeout applies); the Slack stand-in stays up.</summary>
    public async Task StopHostAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Slack.DisposeAsync();
    }
}
