using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MspSupport.Bot.Tests.Channels.Slack;
using MspSupport.Bot.Tests.Channels.WebChat;
using MspSupport.Testing.Dynalite;
using MspSupport.Testing.Fakes;
using Xunit.Abstractions;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// The faults suite, store half: the host runs on DynamoDB (dynalite keeping its tables on disk) while ticket API
/// callers file tickets without pause; dynalite is killed mid-load and started again on the same port and data. During
/// the outage the API answers 503 ProblemDetails and the chat channels a clear sentence; afterwards the same host
/// works again without a restart, and every ticket it acknowledged is there, once.
/// </summary>
[Collection(LoadAndFaults.Name)]
public sealed class StoreOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Callers = 4;

    private readonly string _folder = Directory.CreateTempSubdirectory("msp-outage-").FullName;
    private readonly BotConnectorStandIn _teams = new();
    private DynaliteFixture _dynalite = null!;
    private SlackApiStandIn _slack = null!;
    private ReliabilityHostFactory _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _dynalite = new DynaliteFixture { DataPath = Path.Combine(_folder, "dynalite") };
        await _dynalite.InitializeAsync();
        _slack = await SlackApiStandIn.StartAsync();
        _host = new ReliabilityHostFactory(_teams, _slack, ReliabilityHostFactory.DynamoDb(_dynalite.ServiceUrl, "outage"));
        _client = _host.CreateClient();
        await _host.WaitForKnowledgeAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
        await _dynalite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_store_outage_mid_load_gets_clear_answers_and_loses_nothing_acknowledged()
    {
        var traffic = new ChannelTraffic(_client, _teams, _slack);
        var load = new FilingLoad(traffic);
        var callers = Enumerable.Range(0, Callers).Select(_ => load.CallerAsync()).ToList();

        // Before: tickets are filed and acknowledged; a web customer and a Slack customer have conversations going.
        await load.AcknowledgedAtLeastAsync(8);
        var web = new DirectLineClient(_client);
        var (conversation, token, _) = await web.StartAsync("web-outage");
        var hello = await web.PostMessageAsync(conversation, token, "list my tickets");
        await BotSaysAsync(web, conversation, token, hello, _ => true);
        var form = await traffic.TeamsFormAsync(900);

        // The store goes down mid-load.
        var acknowledgedBefore = load.Acknowledged.Count;
        var outage = Stopwatch.StartNew();
        await _dynalite.StopAsync();

        // The ticket API answers 503 ProblemDetails, with Retry-After, to callers that keep filing.
        await load.UnavailableAtLeastAsync(4);
        foreach (var problem in load.Unavailable.Take(4))
        {
            Assert.Equal(503, (int?)problem["status"]);
            Assert.Equal("Ticket storage is unavailable", (string?)problem["title"]);
            Assert.Contains("nothing was changed", (string?)problem["detail"], StringComparison.Ordinal);
        }

        // In chat, a customer who files a ticket is told plainly that the store is out of reach and nothing changed.
        var asked = await web.PostMessageAsync(conversation, token, "list my tickets");
        var told = await BotSaysAsync(web, conversation, token, asked, _ => true);
        Assert.Contains("couldn't reach the ticket or memory store", (string?)told["text"], StringComparison.Ordinal);
        var slackAsked = SlackRequests.Message(SlackHostFactory.FabrikamTeam, "U0OUTAGE", "D0OUTAGE", "im", "list my tickets");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(SlackRequests.Event(slackAsked))).StatusCode);
        var slackTold = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "D0OUTAGE", timeout: Eventually.Limit);
        Assert.Contains("couldn't reach the ticket or memory store", slackTold.Arg("text"), StringComparison.Ordinal);
        var pressed = await traffic.TeamsSubmitAsync(form);
        var pressedSays = pressed["text"] is { } message ? JsonNode.Parse((string)message!)!.GetValue<string>() : pressed.ToJsonString();
        Assert.Contains("couldn't reach the ticket or memory store", pressedSays, StringComparison.Ordinal);
        Assert.DoesNotMatch("TKT-[0-9A-Z]{7}-[0-9A-Z]{5}", pressed.ToJsonString());
        await Eventually.FindAsync(
            () => _teams.Sent.FirstOrDefault(a => Uri.UnescapeDataString((string)a["_path"]!).Contains(form.Conversation, StringComparison.Ordinal)
                && ((string?)a["text"] ?? "").Contains("couldn't reach the ticket or memory store", StringComparison.Ordinal)),
            () => "The Teams conversation was not told why the form failed.");

        // The store comes back: the same host, not restarted, files tickets again and the chats go on.
        await _dynalite.RestartAsync();
        outage.Stop();
        var acknowledgedAtReturn = load.Acknowledged.Count;
        await load.AcknowledgedAtLeastAsync(acknowledgedAtReturn + 8);
        load.Finish();
        await Task.WhenAll(callers);

        var again = await web.PostMessageAsync(conversation, token, "list my tickets");
        var listed = await BotSaysAsync(web, conversation, token, again, r => r["attachments"] is JsonArray { Count: > 0 });
        Assert.DoesNotContain("couldn't reach", listed.ToJsonString(), StringComparison.Ordinal);
        // The customer presses Create on the same form again, twice: one ticket, the one the outage did not half-write.
        var ticketCards = await Task.WhenAll(traffic.TeamsSubmitAsync(form), traffic.TeamsSubmitAsync(form));
        var ticketIds = ticketCards.Select(c => Regex.Match(c.ToJsonString(), "TKT-[0-9A-Z]{7}-[0-9A-Z]{5}").Value).Distinct().ToList();
        Assert.True(ticketIds is [{ Length: > 0 }], "Teams after the outage: " + string.Join("\n", ticketCards.Select(c => c.ToJsonString())));
        var ticket = new FiledTicket("teams", form.Title, ticketIds[0], 2);

        // Nothing acknowledged is lost, nothing is stored twice, and what is stored is whole.
        var stored = await traffic.StoredAsync();
        var filed = load.Acknowledged.Select(a => $"{a.TicketId} {a.Title}").Append($"{ticket.TicketId} {ticket.Title}");
        Assert.Equal(filed.Order(StringComparer.Ordinal), stored.Select(t => $"{t.Id} {t.Title}").Order(StringComparer.Ordinal));
        foreach (var (id, _) in stored)
        {
            var whole = await GetTicketAsync(id);
            Assert.Equal("Open", (string?)whole["status"]);
            Assert.False(string.IsNullOrEmpty((string?)whole["customerId"]), whole.ToJsonString());
        }

        output.WriteLine($"outage: {outage.Elapsed.TotalSeconds:F1} s (dynalite killed and restarted on the same port and data)");
        output.WriteLine($"ticket API callers: {Callers}, tickets acknowledged: {load.Acknowledged.Count} ({acknowledgedBefore} before the outage, {load.Acknowledged.Count - acknowledgedAtReturn} after it), stored: {stored.Count - 1} + 1 from Teams");
        output.WriteLine($"503 answers during the outage: {load.Unavailable.Count}, re-sends with the same Idempotency-Key: {load.Resends}");
        output.WriteLine($"chat answers during the outage: web '{Clip((string?)told["text"])}', slack '{Clip(slackTold.Arg("text"))}', teams '{Clip(pressedSays)}'");
        output.WriteLine($"Teams form pressed once during the outage and twice after it: ticket {ticket.TicketId}, stored once");
    }

    private async Task<JsonObject> GetTicketAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tickets/{id}");
        request.Headers.Add("x-api-key", ReliabilityHostFactory.TechKey);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static Task<JsonObject> BotSaysAsync(DirectLineClient web, string conversation, string token, string replyToId, Func<JsonObject, bool> match) =>
        Eventually.FindAsync(
            async () => (await web.ActivitiesAsync(conversation, token))["activities"]!.AsArray().Select(a => a!.AsObject())
                .FirstOrDefault(a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot" && (string?)a["replyToId"] == replyToId && match(a)),
            () => $"No reply to {replyToId} in web conversation {conversation}.");

    private static string Clip(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>
    /// Ticket API callers filing one ticket after another, each with its own Idempotency-Key; a 503 is answered by
    /// sending the same request again with the same key, as a client should (sooner than Retry-After asks, to keep the
    /// run short). Anything but 201 and 503 fails the test.
    /// </summary>
    private sealed class FilingLoad(ChannelTraffic traffic)
    {
        private int _next;
        private int _resends;
        private volatile bool _finished;
        private Exception? _failure;

        public ConcurrentQueue<(string TicketId, string Title)> Acknowledged { get; } = new();

        public ConcurrentQueue<JsonObject> Unavailable { get; } = new();

        public int Resends => _resends;

        public void Finish() => _finished = true;

        public async Task CallerAsync()
        {
            try
            {
                await FileUntilFinishedAsync();
            }
            catch (Exception e)
            {
                _failure ??= e;
                throw;
            }
        }

        private async Task FileUntilFinishedAsync()
        {
            while (!_finished)
            {
                var n = Interlocked.Increment(ref _next);
                var title = traffic.Title("api", n);
                var key = $"outage-{traffic.Run}-{n.ToString(CultureInfo.InvariantCulture)}";
                while (true)
                {
                    var (status, body) = await traffic.PostTicketAsync(title, key);
                    if (status == HttpStatusCode.Created)
                    {
                        Acknowledged.Enqueue(((string)body["ticketId"]!, title));
                        break;
                    }

                    Assert.True(status == HttpStatusCode.ServiceUnavailable, $"POST /tickets answered {(int)status}: {body.ToJsonString()}");
                    Unavailable.Enqueue(body);
                    Interlocked.Increment(ref _resends);
                    await Task.Delay(50);
                }
            }
        }

        /// <summary>A caller that got an answer other than 201 or 503 ends the wait at once, with that answer.</summary>
        private void ThrowIfFailed()
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException("A ticket API caller failed.", _failure);
            }
        }

        public Task<ConcurrentQueue<(string TicketId, string Title)>> AcknowledgedAtLeastAsync(int count) =>
            Eventually.FindAsync(
                () =>
                {
                    ThrowIfFailed();
                    return Acknowledged.Count >= count ? Acknowledged : null;
                }, () => $"Only {Acknowledged.Count} tickets acknowledged, {Unavailable.Count} 503s.");

        public Task<ConcurrentQueue<JsonObject>> UnavailableAtLeastAsync(int count) =>
            Eventually.FindAsync(
                () =>
                {
                    ThrowIfFailed();
                    return Unavailable.Count >= count ? Unavailable : null;
                }, () => $"Only {Unavailable.Count} 503 answers during the outage; {Acknowledged.Count} acknowledged.");
    }
}
