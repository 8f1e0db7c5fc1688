using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Bot.Tests.Channels.Slack;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Bot.Tests.Handoff;
using MspSupport.Core.Cards;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// Customers filing tickets through each channel of a <see cref="ReliabilityHostFactory"/> host, the whole way a person
/// would (ask, get the form, submit it), and sending again what real clients send again: Slack retries of an event,
/// Teams double submits of the same card action, web chat double clicks, repeated ticket API Idempotency-Keys. Every
/// ticket gets a title no other run uses, so the store can be counted afterwards.
/// </summary>
internal sealed partial class ChannelTraffic(HttpClient http, BotConnectorStandIn teams, SlackApiStandIn slack)
{
    private const string Team = SlackHostFactory.FabrikamTeam;

    private readonly HandoffTestClient _client = new(http, teams);

    /// <summary>Marks this run's tickets (titles, conversations, keys).</summary>
    public string Run { get; } = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public string Title(string channel, int n) => $"Load {channel} {Run} #{n.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>Asks in a Teams personal chat, then presses Create on the form once, or twice at the same moment.</summary>
    public async Task<FiledTicket> TeamsAsync(int n, bool doubleSubmit)
    {
        var form = await TeamsFormAsync(n);
        var submits = doubleSubmit ? 2 : 1;
        var cards = await Task.WhenAll(Enumerable.Range(0, submits).Select(_ => TeamsSubmitAsync(form)));
        return new FiledTicket("teams", form.Title, SameTicket(cards.Select(c => c.ToJsonString()), form.Conversation), submits - 1);
    }

    /// <summary>Asks for a ticket in a Teams personal chat and waits for the form the assistant sends back.</summary>
    public async Task<TeamsForm> TeamsFormAsync(int n)
    {
        var title = Title("teams", n);
        var conversation = $"a:load-{Run}-{n}";
        var aad = $"c0c0c0c0-0000-4000-8000-{n.ToString("D12", CultureInfo.InvariantCulture)}";
        await _client.PostTeamsAsync(_client.TeamsMessage($"create a ticket for {title}", aad, BotHostFactory.CustomerTenant, conversation));
        var formId = await Eventually.FindAsync(
            () => TeamsSentTo(conversation).Select(a => FormIdIn(a["attachments"]?[0]?["content"])).FirstOrDefault(id => id is not null),
            () => $"No ticket form in Teams conversation {conversation}; it got: " + string.Join("\n", TeamsSentTo(conversation).Select(a => a.ToJsonString())));
        return new TeamsForm(title, conversation, aad, formId);
    }

    /// <summary>Presses Create on the form (a Universal Actions invoke); returns what Teams shows: the card, or <c>{"text": …}</c>.</summary>
    public Task<JsonObject> TeamsSubmitAsync(TeamsForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return _client.InvokeAsync(
            new JsonObject { ["verb"] = CardVerbs.TicketCreate, ["formId"] = form.FormId, ["title"] = form.Title, ["description"] = "Filed under load.", ["priority"] = "High", ["category"] = "Network" },
            form.Aad, BotHostFactory.CustomerTenant, form.Conversation);
    }

    /// <summary>
    /// Writes to the assistant in a Slack DM (Slack re-sending the event <paramref name="eventRetries"/> times, with
    /// X-Slack-Retry-Num, at the same moment), opens the form from the button and submits the modal once or twice.
    /// </summary>
    public async Task<FiledTicket> SlackAsync(int n, int eventRetries, bool doubleSubmit)
    {
        var title = Title("slack", n);
        var user = $"U0LOAD{n.ToString("D4", CultureInfo.InvariantCulture)}";
        var dm = $"D0{Run}{n.ToString("D4", CultureInfo.InvariantCulture)}";
        var message = SlackRequests.Message(Team, user, dm, "im", $"create a ticket for {title}");
        var sends = new List<Task<HttpResponseMessage>> { http.SendAsync(SlackRequests.Event(message)) };
        for (var retry = 1; retry <= eventRetries; retry++)
        {
            var again = SlackRequests.Event(message);
            again.Headers.Add(SlackEventsEndpoint.RetryHeader, retry.ToString(CultureInfo.InvariantCulture));
            again.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            sends.Add(http.SendAsync(again));
        }

        foreach (var response in await Task.WhenAll(sends))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var formMessage = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == dm && OpenFormButton(c) is not null, timeout: Eventually.Limit);
        var click = SlackRequests.Click(Team, user, dm, (string)formMessage.Answer["ts"]!, null, OpenFormButton(formMessage)!);
        var trigger = (string)click["trigger_id"]!;
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(SlackRequests.Interaction(click))).StatusCode);
        var view = (await slack.WaitForAsync(c => c.Method == "views.open" && c.Arg("trigger_id") == trigger, timeout: Eventually.Limit)).Arguments["view"]!.AsObject();

        var submits = doubleSubmit ? 2 : 1;
        var values = new Dictionary<string, string> { ["title"] = title, ["description"] = "Filed under load.", ["priority"] = "Low", ["category"] = "Software" };
        var answers = await Task.WhenAll(Enumerable.Range(0, submits).Select(_ => http.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Team, user, view, values)))));
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("", await answer.Content.ReadAsStringAsync()); // the modal closes: the form was accepted
        }

        var posted = await Eventually.FindAsync(
            () => SlackTicketPosts(dm, user) is { Count: var count } posts && count >= submits ? posts : null,
            () => $"Fewer than {submits} ticket messages in Slack DM {dm}: " + string.Join("\n", slack.Calls.Where(c => c.Arg("channel") is { } ch && (ch == dm || ch == user)).Select(c => c.Arguments.ToJsonString())));
        return new FiledTicket("slack", title, SameTicket(posted, dm), eventRetries + submits - 1);
    }

    /// <summary>Asks in the web chat (Direct Line), then submits the form card once or twice.</summary>
    public async Task<FiledTicket> WebAsync(int n, bool doubleSubmit)
    {
        var title = Title("web", n);
        var (conversation, token, _) = await _client.Web.StartAsync($"web-load-{Run}-{n}");
        await _client.Web.PostMessageAsync(conversation, token, $"create a ticket for {title}");
        var form = await Eventually.FindAsync(
            async () => (await _client.WebActivitiesAsync(conversation, token)).Select(SubmitDataIn).FirstOrDefault(d => d is not null),
            () => $"No ticket form in web conversation {conversation}: " + string.Join("\n", _client.WebActivitiesAsync(conversation, token).GetAwaiter().GetResult().Select(Brief)));

        var submits = doubleSubmit ? 2 : 1;
        form["title"] = title;
        form["description"] = "Filed under load.";
        form["priority"] = "Medium";
        form["category"] = "Security";
        await Task.WhenAll(Enumerable.Range(0, submits).Select(_ => _client.SubmitWebCardAsync(conversation, token, form.DeepClone().AsObject())));
        var cards = await Eventually.FindAsync(
            async () => (await _client.WebActivitiesAsync(conversation, token)).Where(IsTicketCard).Select(a => a.ToJsonString()).ToList() is { Count: var count } found && count >= submits ? found : null,
            () => $"Fewer than {submits} ticket cards in web conversation {conversation}: " + string.Join("\n", _client.WebActivitiesAsync(conversation, token).GetAwaiter().GetResult().Select(Brief)));
        return new FiledTicket("web", title, SameTicket(cards, conversation), submits - 1);
    }

    /// <summary>Files through the ticket API with an Idempotency-Key, sent <paramref name="repeats"/> more times at once.</summary>
    public async Task<FiledTicket> ApiAsync(int n, int repeats)
    {
        var title = Title("api", n);
        var key = $"load-{Run}-{n}";
        var answers = await Task.WhenAll(Enumerable.Range(0, repeats + 1).Select(_ => PostTicketAsync(title, key)));
        foreach (var (status, body) in answers)
        {
            Assert.True(status == HttpStatusCode.Created, $"POST /tickets with key {key} answered {(int)status}: {body.ToJsonString()}");
        }

        return new FiledTicket("api", title, SameTicket(answers.Select(a => a.Body.ToJsonString()), key), repeats);
    }

    /// <summary>One POST /tickets as a technician for contoso; the status and the JSON body (ticket or ProblemDetails).</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> PostTicketAsync(string title, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tickets")
        {
            Content = JsonContent.Create(new JsonObject { ["title"] = title, ["description"] = "Filed under load.", ["priority"] = "Medium", ["category"] = "General", ["customerId"] = "contoso" }),
        };
        request.Headers.Add("x-api-key", ReliabilityHostFactory.TechKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }

    /// <summary>Every ticket of this run in the store, read back through the ticket API page by page: (id, title).</summary>
    public async Task<List<(string Id, string Title)>> StoredAsync()
    {
        var stored = new List<(string, string)>();
        foreach (var customer in new[] { "contoso", "fabrikam" })
        {
            string? cursor = null;
            do
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/tickets?customerId={customer}&limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                request.Headers.Add("x-api-key", ReliabilityHostFactory.TechKey);
                using var response = await http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                stored.AddRange(page["items"]!.AsArray()
                    .Select(t => ((string)t!["ticketId"]!, (string)t["title"]!))
                    .Where(t => t.Item2.Contains($" {Run} #", StringComparison.Ordinal)));
                cursor = (string?)page["nextCursor"];
            }
            while (cursor is not null);
        }

        return stored;
    }

    /// <summary>How many times the Slack form (the reply to the first message) was posted in <paramref name="dm"/>: one, however often Slack re-sent the event.</summary>
    public int SlackFormsIn(string dm) => slack.Calls.Count(c => c.Method == "chat.postMessage" && c.Arg("channel") == dm && OpenFormButton(c) is not null);

    public string SlackDm(int n) => $"D0{Run}{n.ToString("D4", CultureInfo.InvariantCulture)}";

    private List<string> SlackTicketPosts(string dm, string user) =>
        [.. slack.Calls.Where(c => c.Method == "chat.postMessage" && (c.Arg("channel") == dm || c.Arg("channel") == user) && c.Arguments["blocks"] is not null
            && TicketId().IsMatch(c.Arg("text") ?? "")).Select(c => c.Arg("text")!)];

    private IEnumerable<JsonObject> TeamsSentTo(string conversation) =>
        teams.Sent.Where(a => Uri.UnescapeDataString((string)a["_path"]!).Contains($"/conversations/{conversation}/", StringComparison.Ordinal));

    /// <summary>Every reply to one request and its re-sends names the same ticket; returns it.</summary>
    private static string SameTicket(IEnumerable<string> replies, string where)
    {
        var ids = replies.Select(HandoffTestClient.TicketIdIn).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(ids.Count == 1, $"The replies in {where} name {ids.Count} different tickets: {string.Join(", ", ids)}");
        return ids[0];
    }

    /// <summary>An activity in a line: who, and its text, submitted value or card heading.</summary>
    private static string Brief(JsonObject activity) =>
        $"{(string?)activity["from"]?["role"]}: {(string?)activity["text"] ?? activity["value"]?.ToJsonString() ?? (string?)activity["attachments"]?[0]?["content"]?["body"]?[0]?["text"] ?? "(other)"}";

    private static string? FormIdIn(JsonNode? card) =>
        (card?["actions"]?.AsArray() ?? []).Select(a => a?["data"]).FirstOrDefault(d => (string?)d?["verb"] == CardVerbs.TicketCreate)?["formId"] is JsonValue id ? (string?)id : null;

    private static JsonObject? SubmitDataIn(JsonObject activity) =>
        (string?)activity["from"]?["role"] != "bot" ? null
        : (activity["attachments"]?[0]?["content"]?["actions"]?.AsArray() ?? []).Select(a => a?["data"]).FirstOrDefault(d => (string?)d?["verb"] == CardVerbs.TicketCreate && d?["formId"] is not null)?.DeepClone().AsObject();

    private static bool IsTicketCard(JsonObject activity) =>
        (string?)activity["from"]?["role"] == "bot" && activity["attachments"] is JsonArray { Count: > 0 } attachments
        && TicketId().IsMatch(attachments.ToJsonString());

    private static JsonObject? OpenFormButton(SlackApiCall call) =>
        (call.Arguments["blocks"] as JsonArray ?? []).SelectMany(b => b?["elements"]?.AsArray() ?? [])
            .FirstOrDefault(e => BlockKitActionValue.Decode((string?)e?["value"])?.Verb == BlockKitRenderer.OpenFormVerb)?.AsObject();

    [GeneratedRegex("TKT-[0-9A-Z]{7}-[0-9A-Z]{5}")]
    private static partial Regex TicketId();
}
