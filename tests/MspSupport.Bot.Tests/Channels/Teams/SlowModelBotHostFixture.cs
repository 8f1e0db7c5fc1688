using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Agent.Models;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// The bot host with a model that thinks for <see cref="ThinkingTime"/> before it answers, and a typing indicator
/// due after 200 ms and repeated every second: long enough turns to see the indicator, short enough tests.
/// </summary>
public sealed class SlowModelBotHostFixture : BotHostFixture
{
    public const string Answer = "Turn off Wi-Fi power saving in the adapter's advanced settings, then reconnect.";

    public static readonly TimeSpan ThinkingTime = TimeSpan.FromMilliseconds(2500);

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Teams:TypingDelay"] = "00:00:00.200",
        ["Teams:TypingInterval"] = "00:00:01",
    };

    protected override void Services(IServiceCollection services)
    {
        var model = new SlowChatClient(new ScriptedChatClient { FallbackText = Answer }, ThinkingTime);
        services.AddKeyedSingleton<IChatClient>(AgentModels.CheapClientKey, model);
        services.AddKeyedSingleton<IChatClient>(AgentModels.CapableClientKey, model);
    }
}
