using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Agent.Models;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>
/// The bot host with a scripted model on both tiers that always streams <see cref="Answer"/> in small deltas, and
/// streaming updates not throttled (interval zero), so every delta becomes a streaming update.
/// </summary>
public sealed class StreamingBotHostFixture : BotHostFixture
{
    public const string Answer = "Restart the VPN client, sign in again, and turn off Wi-Fi power saving if it still drops.";

    public ScriptedChatClient Model { get; } = new() { FallbackText = Answer };

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Teams:StreamingUpdateInterval"] = "00:00:00",
    };

    protected override void Services(IServiceCollection services)
    {
        services.AddKeyedSingleton<IChatClient>(AgentModels.CheapClientKey, Model);
        services.AddKeyedSingleton<IChatClient>(AgentModels.CapableClientKey, Model);
    }
}
