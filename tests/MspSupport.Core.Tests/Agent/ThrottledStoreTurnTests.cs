using System.Diagnostics.Metrics;
using Amazon.DynamoDBv2.Model;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Diagnostics;
using MspSupport.Core.Tickets;
using MspSupport.Testing.Dynalite;
using static MspSupport.Core.Tests.Agent.AgentHarness;

namespace MspSupport.Core.Tests.Agent;

/// <summary>
/// The agent on DynamoDB as a host configures it, through <see cref="DynamoDbThrottlingProxy"/> in front of dynalite
/// (real HTTP), with <c>Storage:DynamoDb:MaxErrorRetry</c> = 1: when DynamoDB refuses for throughput even after the
/// SDK's retry, the user is told the ticket system is busy and nothing was saved, nothing is in the table, and
/// <c>mspsupport.store.throttles</c> counts the refused call once, for whichever store it was.
/// </summary>
public sealed class ThrottledStoreTurnTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IAsyncLifetime
{
    private const int Retries = 1;

    // Measurements are kept only from this test's own async flow, so that other tests running in parallel never count.
    private static readonly AsyncLocal<string?> Flow = new();

    private readonly string _flow = Guid.NewGuid().ToString("N");
    private readonly MeterListener _listener = new();
    private readonly List<Dictionary<string, object?>> _throttles = [];
    private readonly string _tickets = dynalite.NewTableName("throttled-tickets");
    private readonly string _sessions = dynalite.NewTableName("throttled-sessions");
    private DynamoDbThrottlingProxy _proxy = null!;
    private AgentHarness _agent = null!;

    public async Task InitializeAsync()
    {
        Flow.Value = _flow;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AssistantTelemetry.Name && instrument.Name == "mspsupport.store.throttles")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (Flow.Value != _flow)
            {
                return;
            }

            var map = new Dictionary<string, object?>(StringComparer.Ordinal) { ["value"] = value };
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            lock (_throttles)
            {
                _throttles.Add(map);
            }
        });
        _listener.Start();

        _proxy = await DynamoDbThrottlingProxy.StartAsync(dynalite.ServiceUrl);
        _agent = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = _proxy.ServiceUrl,
            ["Storage:DynamoDb:TicketsTable"] = _tickets,
            ["Storage:DynamoDb:SessionsTable"] = _sessions,
            ["Storage:DynamoDb:CreateTables"] = "true",
            ["Storage:DynamoDb:MaxErrorRetry"] = Retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _agent.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Theory]
    [InlineData(DynamoDbThrottle.ProvisionedThroughputExceeded)]
    [InlineData(DynamoDbThrottle.Throttling)]
    [InlineData(DynamoDbThrottle.RequestLimitExceeded)]
    public async Task A_throttled_ticket_create_writes_nothing_and_the_user_is_told_the_ticket_system_is_busy(DynamoDbThrottle kind)
    {
        Flow.Value = _flow;
        var form = (await _agent.SayAsync(Alice, "create a ticket for the printer jamming on every page")).Card<TicketFormCard>();
        _proxy.Throttle(kind, "PutItem", _tickets);

        var reply = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title));

        Assert.Equal(FriendlyFailure.StoreBusy, reply.Text);
        Assert.Empty(reply.Cards);
        Assert.DoesNotMatch("TKT-[0-9A-Z]{7}-[0-9A-Z]{5}", reply.Text);
        Assert.Empty(await ItemsAsync(_tickets)); // no ticket, and no idempotency claim either

        // The first write was refused once and retried once (MaxErrorRetry reached the SDK), then it gave up.
        Assert.Equal(Retries + 1, _proxy.Calls.Count(c => c.Throttled == kind));
        var throttle = Assert.Single(Throttles());
        Assert.Equal("aws.dynamodb", throttle["db.system.name"]);
        Assert.Equal("tickets", throttle["db.collection.name"]);
        Assert.Equal("create", throttle["db.operation.name"]);
        Assert.Equal(1L, throttle["value"]);

        // When DynamoDB has capacity again, pressing Create on the same form files the ticket, once.
        _proxy.StopThrottling();
        var again = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title));
        var filed = again.Card<TicketCard>();
        Assert.Equal(form.Title, filed.Title);
        var tickets = (await _agent.Tickets.ListAsync(Tess, new TicketListRequest { CustomerId = "contoso" }, default)).Value!.Items;
        Assert.Equal([filed.TicketId], tickets.Select(t => t.TicketId));
        Assert.Single(Throttles());
    }

    [Fact]
    public async Task A_throttled_memory_write_saves_nothing_and_counts_as_a_memory_store_throttle()
    {
        Flow.Value = _flow;
        _proxy.Throttle(DynamoDbThrottle.ProvisionedThroughputExceeded, "PutItem", _sessions);

        var reply = await _agent.SayAsync(Alice, "remember that the office printer is on the second floor", "conv-memory");

        Assert.Equal(FriendlyFailure.StoreBusy, reply.Text);
        _proxy.StopThrottling();
        Assert.Empty(await _agent.Memory.ListByActorAsync(Alice.Key, default));
        Assert.Null(await _agent.Conversations.GetAsync("conv-memory", default));
        var throttle = Assert.Single(Throttles());
        Assert.Equal("memories", throttle["db.collection.name"]);
        Assert.Equal("put", throttle["db.operation.name"]);
    }

    [Fact]
    public async Task A_throttled_conversation_read_stops_the_turn_before_anything_is_done_and_counts_as_a_conversation_store_throttle()
    {
        Flow.Value = _flow;
        var form = (await _agent.SayAsync(Alice, "create a ticket for the scanner", "conv-read")).Card<TicketFormCard>();
        _proxy.Throttle(DynamoDbThrottle.Throttling, "GetItem", _sessions);

        var reply = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title), "conv-read");

        Assert.Equal(FriendlyFailure.StoreBusy, reply.Text);
        Assert.Empty(await ItemsAsync(_tickets));
        var throttle = Assert.Single(Throttles());
        Assert.Equal("conversations", throttle["db.collection.name"]);
        Assert.Equal("get", throttle["db.operation.name"]);
    }

    [Fact]
    public async Task A_throttled_conversation_save_after_the_ticket_is_filed_does_not_tell_the_user_nothing_was_saved()
    {
        Flow.Value = _flow;
        var form = (await _agent.SayAsync(Alice, "create a ticket for the projector", "conv-save")).Card<TicketFormCard>();
        _proxy.Throttle(DynamoDbThrottle.ProvisionedThroughputExceeded, "PutItem", _sessions);

        var reply = await _agent.PressAsync(Alice, CardVerbs.TicketCreate, Submit(form, form.Title), "conv-save");

        // The ticket is filed and the reply says so; only the conversation's own record could not be written.
        var filed = reply.Card<TicketCard>();
        Assert.DoesNotContain(FriendlyFailure.StoreBusy, reply.Text, StringComparison.Ordinal);
        Assert.Contains("Ticket created", reply.Text, StringComparison.Ordinal);
        var tickets = (await _agent.Tickets.ListAsync(Tess, new TicketListRequest { CustomerId = "contoso" }, default)).Value!.Items;
        Assert.Equal([filed.TicketId], tickets.Select(t => t.TicketId));
        var throttle = Assert.Single(Throttles());
        Assert.Equal("conversations", throttle["db.collection.name"]);
        Assert.Equal("save", throttle["db.operation.name"]);
    }

    private List<Dictionary<string, object?>> Throttles()
    {
        lock (_throttles)
        {
            return [.. _throttles];
        }
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(string table) =>
        (await dynalite.Client.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true })).Items ?? [];
}
