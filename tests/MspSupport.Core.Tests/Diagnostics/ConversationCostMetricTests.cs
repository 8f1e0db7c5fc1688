using System.Diagnostics.Metrics;
using System.Globalization;
using MspSupport.Core.Diagnostics;
using MspSupport.Core.Identity;
using MspSupport.Core.Tests.Agent;
using MspSupport.Testing.Fakes;

namespace MspSupport.Core.Tests.Diagnostics;

/// <summary>
/// The per-conversation cost: each model turn adds its estimated cost to the conversation's state, the route record
/// carries the running total, and the histogram <c>mspsupport.agent.conversation.cost</c> records that total tagged
/// with channel and tier only. The scripted model reports 1,000 tokens in and 200 out per call, which the default
/// cheap-tier prices (0.001 and 0.005 per 1k) make 0.002 a turn.
/// </summary>
public sealed class ConversationCostMetricTests : IAsyncLifetime, IDisposable
{
    // A channel of its own, so that turns of tests running in parallel never land in this test's measurements.
    private static readonly CallerIdentity Carol = new()
    {
        Channel = "cost-metric-test",
        UserId = "U-CAROL",
        TenantId = "T9",
        Role = CallerRole.Customer,
        CustomerId = "contoso",
        DisplayName = "Carol",
    };

    private readonly ScriptedChatClient _model = new() { FallbackText = "{}" };
    private readonly MeterListener _listener = new();
    private readonly List<(double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private AgentHarness _agent = null!;

    public async Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AssistantTelemetry.Name && instrument.Name == "mspsupport.agent.conversation.cost")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            if (Equals(map.GetValueOrDefault("mspsupport.channel"), Carol.Channel))
            {
                lock (_measurements)
                {
                    _measurements.Add((value, map));
                }
            }
        });
        _listener.Start();
        _agent = await AgentHarness.StartAsync(cheap: _model);
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Each_model_turn_records_the_conversations_running_cost_tagged_with_channel_and_tier_only()
    {
        _model.ThenText("Restart the print spooler.").ThenText("{}").ThenText("Then clear the queue.").ThenText("{}");

        var first = await _agent.SayAsync(Carol, "printer queue is stuck", "conv-cost");
        var second = await _agent.SayAsync(Carol, "still stuck after that", "conv-cost");

        Assert.Equal(0.002m, first.Route.ConversationCost);
        Assert.Equal(0.004m, second.Route.ConversationCost);
        Assert.Equal([0.002, 0.004], Measured().Select(m => Math.Round(m.Value, 6)));
        Assert.All(Measured(), m =>
        {
            Assert.Equal(["mspsupport.agent.tier", "mspsupport.channel"], m.Tags.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(1, m.Tags["mspsupport.agent.tier"]);
        });
    }

    [Fact]
    public async Task The_running_cost_is_kept_on_the_conversation_and_survives_a_turn_without_a_model()
    {
        _model.ThenText("Restart the print spooler.").ThenText("{}").ThenText("Then clear the queue.").ThenText("{}");

        await _agent.SayAsync(Carol, "printer queue is stuck", "conv-kept");
        var deterministic = await _agent.SayAsync(Carol, "list my tickets", "conv-kept");
        var stored = await _agent.Conversations.GetAsync("conv-kept", default);
        var third = await _agent.SayAsync(Carol, "still stuck after that", "conv-kept");

        Assert.Equal(0, deterministic.Route.Tier);
        Assert.Equal(0.002m, deterministic.Route.ConversationCost);
        Assert.Equal(0.002m, decimal.Parse(stored!.State["estimatedCost"], CultureInfo.InvariantCulture));
        Assert.Equal(0.004m, third.Route.ConversationCost);
        Assert.Equal([0.002, 0.004], Measured().Select(m => Math.Round(m.Value, 6)));
    }

    [Fact]
    public async Task Another_conversation_starts_its_own_total()
    {
        _model.ThenText("Restart the print spooler.").ThenText("{}").ThenText("Check the VPN client.").ThenText("{}");

        await _agent.SayAsync(Carol, "printer queue is stuck", "conv-a");
        var other = await _agent.SayAsync(Carol, "vpn keeps dropping", "conv-b");

        Assert.Equal(0.002m, other.Route.ConversationCost);
        Assert.Equal([0.002, 0.002], Measured().Select(m => Math.Round(m.Value, 6)));
    }

    private List<(double Value, Dictionary<string, object?> Tags)> Measured()
    {
        lock (_measurements)
        {
            return [.. _measurements];
        }
    }
}
