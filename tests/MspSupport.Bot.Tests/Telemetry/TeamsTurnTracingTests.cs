using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Core.Cards;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;
using MspSupport.Testing.Telemetry;

namespace MspSupport.Bot.Tests.Telemetry;

/// <summary>
/// The real bot host with its OpenTelemetry pipeline on and an in-memory exporter: a Teams message is one trace,
/// from the <c>/api/messages</c> request through the turn (routing, retrieval) to the reply sent to the Bot Connector.
/// </summary>
public sealed class TeamsTurnTracingTests : IAsyncLifetime
{
    private readonly BotConnectorStandIn _connector = new();
    private readonly CapturedSpans _spans = new();
    private readonly ActivityTraceId _traceId = ActivityTraceId.CreateRandom();
    private BotHostFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotHostFactory(_connector);
        _client = _host.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Telemetry:Enabled", "true");
            builder.ConfigureTestServices(_spans.AddTo);
        }).CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_teams_message_is_one_trace_from_the_request_to_the_reply_with_routing_and_retrieval_inside()
    {
        var response = await PostAsync("How do I reset the VPN client on a laptop?");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Listeners are process-wide: other hosts' spans may be exported too, so this test's are found by its trace id.
        var request = await _spans.WaitForAsync(a => a.TraceId == _traceId && a.Kind == ActivityKind.Server && (a.GetTagItem("url.path") as string) == "/api/messages");
        var turn = await _spans.WaitForAsync(a => a.TraceId == _traceId && a.DisplayName == "agent.turn");
        var spans = _spans.Snapshot().Where(a => a.TraceId == request.TraceId).ToList();

        Assert.Equal(request.TraceId, turn.TraceId);
        Assert.True(IsBelow(turn, request, spans), "the turn span hangs under the /api/messages request span");
        var route = Assert.Single(spans, a => a.DisplayName == "agent.route");
        Assert.Equal(turn.SpanId, route.ParentSpanId);
        Assert.NotNull(route.GetTagItem("mspsupport.agent.route_reason"));
        var search = Assert.Single(spans, a => a.DisplayName == "knowledge.search");
        Assert.True(IsBelow(search, turn, spans), "retrieval runs inside the turn");
        Assert.Equal("teams", turn.GetTagItem("mspsupport.channel"));
        Assert.True(turn.GetTagItem("mspsupport.agent.tier") is 0, "no model configured: the extractive answer, tier 0. The trace: " + Describe(spans));

        // The reply to the Bot Connector is an outbound HTTP span of the same trace.
        var replies = spans.Where(a => a.Kind == ActivityKind.Client && a.Source.Name == "System.Net.Http"
            && ((a.GetTagItem("url.full") as string) ?? "").Contains("/activities", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, reply => Assert.True(IsBelow(reply, request, spans)));

        // One turn in this trace.
        Assert.Single(spans, a => a.DisplayName == "agent.turn");
    }

    [Fact]
    public async Task A_ticket_filed_from_a_teams_card_has_a_store_span_inside_the_turn()
    {
        var data = new JsonObject { ["verb"] = CardVerbs.TicketCreate, ["title"] = "Printer on floor 3 is jammed", ["priority"] = "Low", ["category"] = "Hardware" };
        var invoke = TeamsActivity("invoke", null);
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardVerbs.TicketCreate, ["data"] = data } };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(invoke)).StatusCode);

        var create = await _spans.WaitForAsync(a => a.TraceId == _traceId && a.DisplayName == "create tickets");
        var turn = await _spans.WaitForAsync(a => a.TraceId == _traceId && a.DisplayName == "agent.turn");
        var spans = _spans.Snapshot().Where(a => a.TraceId == turn.TraceId).ToList();
        Assert.Equal(turn.TraceId, create.TraceId);
        Assert.True(IsBelow(create, turn, spans), "the store call hangs under the turn");
        Assert.Equal("sqlite", create.GetTagItem("db.system.name"));
        Assert.Equal("Created", create.GetTagItem("mspsupport.store.outcome"));
        Assert.Equal(ActivityKind.Client, create.Kind);
    }

    private static string Describe(List<Activity> spans) =>
        string.Join(" | ", spans.Select(a => $"{a.DisplayName} {a.Status} [{string.Join("; ", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}]"));

    private static bool IsBelow(Activity child, Activity ancestor, List<Activity> spans)
    {
        var byId = spans.ToDictionary(a => a.SpanId);
        for (var current = child; current is not null; current = byId.GetValueOrDefault(current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private Task<HttpResponseMessage> PostAsync(string text) => PostAsync(TeamsActivity("message", text));

    private JsonObject TeamsActivity(string type, string? text)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", "message-personal.json")))!.AsObject();
        activity["serviceUrl"] = _connector.ServiceUrl;
        activity["id"] = $"f:{Guid.NewGuid()}";
        activity["type"] = type;
        activity["text"] = text;
        return activity;
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));
        request.Headers.Add("traceparent", $"00-{_traceId}-{ActivitySpanId.CreateRandom()}-01");
        return await _client.SendAsync(request);
    }
}
