using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MspSupport.Core.Cards;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Teams;

/// <summary>A whole conversation in Teams, through /api/messages of the real bot host, as the issue describes it.</summary>
public sealed class TeamsConversationTests : IClassFixture<BotHostFixture>
{
    private readonly BotConnectorStandIn _connector;
    private readonly HttpClient _client;

    public TeamsConversationTests(BotHostFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fixture.Connector.Reset();
        _connector = fixture.Connector;
        _client = fixture.Client;
    }

    [Fact]
    public async Task Welcome_then_a_ticket_filed_from_the_form_checked_and_closed_by_a_technician()
    {
        // The bot is installed in a personal chat: it says hello with the welcome card.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Fixture("conversationUpdate-personal-bot-added.json"))).StatusCode);
        var welcome = await NextCardAsync(0);
        Assert.Contains("New ticket", Titles(welcome));

        // "create a ticket for VPN drops": a pre-filled form comes back.
        var sentSoFar = _connector.Sent.Count;
        await PostAsync(Message("create a ticket for VPN drops"));
        var form = await NextCardAsync(sentSoFar);
        var title = form["body"]!.AsArray().First(e => (string?)e!["id"] == "title")!;
        Assert.Contains("VPN drops", (string)title["value"]!, StringComparison.OrdinalIgnoreCase);

        // Submitted without a title: the same form, with the error under the field (Universal Actions invoke).
        var invalid = await InvokeAsync(CardVerbs.TicketCreate, new JsonObject { ["title"] = "", ["priority"] = "High", ["category"] = "Network" });
        Assert.Contains(Texts(invalid), t => t.Contains("title", StringComparison.OrdinalIgnoreCase) && t.Contains("required", StringComparison.OrdinalIgnoreCase));

        // Submitted right: the ticket card, and the ticket is in the ticket API.
        var created = await InvokeAsync(CardVerbs.TicketCreate, new JsonObject { ["title"] = "VPN drops every 10 minutes", ["priority"] = "High", ["category"] = "Network" });
        var ticketId = Texts(created).Select(t => System.Text.RegularExpressions.Regex.Match(t, "TKT-[0-9A-Z]{7}-[0-9A-Z]{5}")).First(m => m.Success).Value;
        var stored = await ApiGetAsync(ticketId);
        Assert.Equal("contoso", (string)stored["customerId"]!);
        Assert.Equal("High", (string)stored["priority"]!);
        Assert.Equal("teams", (string)stored["source"]!);

        // "status of TKT-...": the ticket card again.
        sentSoFar = _connector.Sent.Count;
        await PostAsync(Message($"status of {ticketId}"));
        Assert.Contains(Texts(await NextCardAsync(sentSoFar)), t => t.Contains(ticketId, StringComparison.Ordinal));

        // A technician from the MSP's tenant closes it from another chat; the requester hears about it where they filed it.
        var requesterChat = (string)Fixture("message-personal.json")["conversation"]!["id"]!;
        sentSoFar = _connector.Sent.Count;
        await PostAsync(Message($"close {ticketId}", fromAad: BotHostFactory.TechnicianAadId, tenant: BotHostFactory.MspTenant, conversation: "a:technician-chat"));
        var notified = await WaitForAsync(a =>
            ((string)a["_path"]!).Contains(requesterChat, StringComparison.Ordinal) &&
            ((string?)a["text"] ?? "").Contains("status is now Closed", StringComparison.Ordinal), sentSoFar);
        Assert.Contains("Bob (MSP)", (string)notified["text"]!, StringComparison.Ordinal);
        Assert.Equal("Closed", (string)(await ApiGetAsync(ticketId))["status"]!);
        Assert.Equal(ticketId, Texts(notified["attachments"]![0]!["content"]!.AsObject()).Select(t => System.Text.RegularExpressions.Regex.Match(t, "TKT-[0-9A-Z]{7}-[0-9A-Z]{5}").Value).First(v => v.Length > 0));
    }

    [Fact]
    public async Task A_customer_in_another_tenant_cannot_see_the_ticket()
    {
        await PostAsync(Fixture("conversationUpdate-personal-bot-added.json"));
        var created = await InvokeAsync(CardVerbs.TicketCreate, new JsonObject { ["title"] = "Contoso secret", ["priority"] = "Low", ["category"] = "General" });
        var ticketId = Texts(created).Select(t => System.Text.RegularExpressions.Regex.Match(t, "TKT-[0-9A-Z]{7}-[0-9A-Z]{5}")).First(m => m.Success).Value;

        var sentSoFar = _connector.Sent.Count;
        await PostAsync(Message($"status of {ticketId}", fromAad: "99999999-0000-4000-8000-000000000000", tenant: "another-tenant", conversation: "a:stranger"));
        var replies = await _connector.WaitForSentAsync(sentSoFar + 1);
        Assert.True(replies.Count > sentSoFar, "the stranger got no answer at all");

        var answer = string.Join("\n", replies.Skip(sentSoFar).Select(r => r.ToJsonString()));
        Assert.DoesNotContain("Contoso secret", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_shows_each_role_its_own_examples_every_time_it_is_asked()
    {
        // The help card of each role is rendered once and kept: asked in turn, neither role ever gets the other's.
        for (var round = 0; round < 2; round++)
        {
            var sentSoFar = _connector.Sent.Count;
            await PostAsync(Message("help", conversation: $"a:customer-help-{round}"));
            var customer = string.Join("\n", Texts(await NextCardAsync(sentSoFar)));

            sentSoFar = _connector.Sent.Count;
            await PostAsync(Message("help", fromAad: BotHostFactory.TechnicianAadId, tenant: BotHostFactory.MspTenant, conversation: $"a:technician-help-{round}"));
            var technician = string.Join("\n", Texts(await NextCardAsync(sentSoFar)));

            Assert.Contains("list my open tickets", customer, StringComparison.Ordinal);
            Assert.DoesNotContain("assign TKT", customer, StringComparison.Ordinal);
            Assert.Contains("assign TKT", technician, StringComparison.Ordinal);
            Assert.DoesNotContain("list my open tickets", technician, StringComparison.Ordinal);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connector.CreateChannelToken(TeamsHost.AppId, _connector.ServiceUrl));
        return await _client.SendAsync(request);
    }

    private async Task<JsonObject> InvokeAsync(string verb, JsonObject data)
    {
        data["verb"] = verb;
        var activity = Message(null);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)body["type"]!);
        return body["value"]!.AsObject();
    }

    private async Task<JsonObject> ApiGetAsync(string ticketId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tickets/{ticketId}");
        request.Headers.Add("x-api-key", BotHostFactory.TechKey);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, int skip)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (_connector.Sent.Skip(skip).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("Nothing matching was sent: " + string.Join("\n", _connector.Sent.Skip(skip).Select(a => a.ToJsonString())));
    }

    /// <summary>The first Adaptive Card the bot sent after the first <paramref name="skip"/> activities.</summary>
    private async Task<JsonObject> NextCardAsync(int skip)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var card = _connector.Sent.Skip(skip)
                .Select(a => a["attachments"]?[0]?["content"])
                .FirstOrDefault(c => c is not null);
            if (card is not null)
            {
                return card.AsObject();
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The bot sent no card: " + string.Join("\n", _connector.Sent.Skip(skip).Select(a => a.ToJsonString())));
    }

    private JsonObject Message(string? text, string? fromAad = null, string? tenant = null, string? conversation = null)
    {
        var activity = Fixture("message-personal.json");
        activity["id"] = $"f:{Guid.NewGuid()}";
        activity["text"] = text;
        if (fromAad is not null)
        {
            activity["from"]!["aadObjectId"] = fromAad;
            activity["from"]!["id"] = $"29:{fromAad}";
        }

        if (tenant is not null)
        {
            activity["conversation"]!["tenantId"] = tenant;
            activity["channelData"]!["tenant"]!["id"] = tenant;
        }

        if (conversation is not null)
        {
            activity["conversation"]!["id"] = conversation;
        }

        return activity;
    }

    private JsonObject Fixture(string name)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", name)))!.AsObject();
        activity["serviceUrl"] = _connector.ServiceUrl;
        return activity;
    }

    private static List<string> Texts(JsonObject card) =>
        card["body"]!.AsArray().SelectMany(Flatten).Where(e => (string?)e["type"] == "TextBlock").Select(e => (string)e["text"]!).ToList();

    private static IEnumerable<JsonNode> Flatten(JsonNode? element) =>
        element is null ? [] : new[] { element }.Concat((element["items"]?.AsArray() ?? []).SelectMany(Flatten))
            .Concat((element["columns"]?.AsArray() ?? []).SelectMany(Flatten));

    private static List<string> Titles(JsonObject card) =>
        (card["actions"]?.AsArray() ?? []).Select(a => (string)a!["title"]!).ToList();
}
