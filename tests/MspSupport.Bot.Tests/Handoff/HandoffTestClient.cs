using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Bot.Tests.Channels.WebChat;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Handoff;

/// <summary>The customer's web chat, a Teams customer, and a technician working the triage channel, as HTTP calls to the real host.</summary>
internal sealed partial class HandoffTestClient(HttpClient http, BotConnectorStandIn connector, IServiceProvider? services = null)
{
    public DirectLineClient Web { get; } = new(http);

    public BotConnectorStandIn Connector => connector;

    /// <summary>Waits for a bot message in the web conversation whose text matches; returns it.</summary>
    public async Task<JsonObject> WebReplyAsync(string conversationId, string token, Func<string, bool> match)
    {
        // A bound for a loaded CI machine, not a speed check: the reply normally arrives within a second.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var activities = (await Web.ActivitiesAsync(conversationId, token))["activities"]!.AsArray();
            if (activities.Select(a => a!.AsObject()).FirstOrDefault(a => (string?)a["from"]?["role"] == "bot" && match((string?)a["text"] ?? "")) is { } found)
            {
                return found;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException("No matching bot message; the conversation has: " + string.Join("\n", activities.Select(a => (string?)a!["text"])));
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    public async Task<List<JsonObject>> WebActivitiesAsync(string conversationId, string token) =>
        [.. (await Web.ActivitiesAsync(conversationId, token))["activities"]!.AsArray().Select(a => a!.AsObject())];

    /// <summary>Posts an Action.Submit as Web Chat does: a message whose value is the button's data.</summary>
    public async Task SubmitWebCardAsync(string conversationId, string token, JsonObject value)
    {
        using var response = await Web.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            new JsonObject { ["type"] = "message", ["value"] = value, ["from"] = new JsonObject { ["id"] = "whoever" } }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A message from a Teams user, signed as the Bot Framework channel signs it.</summary>
    public async Task PostTeamsAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connector.CreateChannelToken(TeamsHost.AppId, connector.ServiceUrl));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (services is not null)
        {
            await services.WaitForTeamsTurnsAsync(); // messages are handled after the 200
        }
    }

    /// <summary>The technician presses a button of a triage card (Universal Actions invoke from the triage channel); returns the card Teams shows next.</summary>
    public async Task<JsonObject> TechnicianInvokeAsync(JsonObject card, string verb, JsonObject? inputs = null, string? fromAad = null, string? tenant = null)
    {
        var data = ActionData(card, verb);
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return await InvokeAsync(data, fromAad ?? BotHostFactory.TechnicianAadId, tenant ?? BotHostFactory.MspTenant, $"{HandoffHostFactory.TriageChannel};messageid=sent-1");
    }

    public async Task<JsonObject> InvokeAsync(JsonObject data, string fromAad, string tenant, string conversation)
    {
        var activity = TeamsMessage(null, fromAad, tenant, conversation);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = (string)data["verb"]!, ["data"] = data } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connector.CreateChannelToken(TeamsHost.AppId, connector.ServiceUrl));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (string?)body["type"] == "application/vnd.microsoft.card.adaptive" ? body["value"]!.AsObject() : new JsonObject { ["text"] = body["value"]?.ToJsonString() };
    }

    public JsonObject TeamsMessage(string? text, string fromAad, string tenant, string conversation)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", "message-personal.json")))!.AsObject();
        activity["serviceUrl"] = connector.ServiceUrl;
        activity["id"] = $"f:{Guid.NewGuid()}";
        activity["text"] = text;
        activity["from"]!["aadObjectId"] = fromAad;
        activity["from"]!["id"] = $"29:{fromAad}";
        activity["from"]!["name"] = fromAad == BotHostFactory.TechnicianAadId ? "Bob" : "Customer";
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"]!["tenant"]!["id"] = tenant;
        activity["conversation"]!["id"] = conversation;
        return activity;
    }

    /// <summary>The newest triage card sent (posted or updated) for <paramref name="ticketId"/> in the triage channel.</summary>
    public async Task<JsonObject> TriageCardAsync(string ticketId, Func<JsonObject, bool>? match = null)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var card = TriageActivities()
                .Select(a => a["attachments"]?[0]?["content"]?.AsObject())
                .LastOrDefault(c => c is not null && Texts(c).Any(t => t.Contains(ticketId, StringComparison.Ordinal)) && (match is null || match(c)));
            if (card is not null)
            {
                return card;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException("No triage card for " + ticketId + ": " + string.Join("\n", connector.Sent.Select(a => a.ToJsonString())));
    }

    /// <summary>Waits for a plain message in the triage channel (the ticket's thread) whose text matches.</summary>
    public async Task<JsonObject> TriageMessageAsync(Func<string, bool> match)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (TriageActivities().FirstOrDefault(a => a["attachments"] is null && match((string?)a["text"] ?? "")) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException("No such triage message: " + string.Join("\n", TriageActivities().Select(a => a.ToJsonString())));
    }

    public IEnumerable<JsonObject> TriageActivities() =>
        connector.Sent.Where(a => Uri.UnescapeDataString((string)a["_path"]!).Contains(HandoffHostFactory.TriageChannel, StringComparison.Ordinal));

    public static JsonObject ActionData(JsonObject card, string verb)
    {
        var action = Actions(card).FirstOrDefault(a => (string?)a["verb"] == verb)
                     ?? throw new InvalidOperationException($"The card has no {verb} button: {card.ToJsonString()}");
        return action["data"]!.DeepClone().AsObject();
    }

    /// <summary>Every button of a card: its own row and the ActionSets in its body (buttons drawn under the box they read).</summary>
    public static List<JsonNode> Actions(JsonObject card) =>
        [.. (card["actions"]?.AsArray() ?? []).Concat(card["body"]!.AsArray().SelectMany(Flatten).SelectMany(e => e["actions"]?.AsArray() ?? [])).OfType<JsonNode>()];

    public static List<string> Texts(JsonObject card) =>
        card["body"]!.AsArray().SelectMany(Flatten).SelectMany(e => new[] { (string?)e["text"], (string?)e["value"], (string?)e["title"] }).OfType<string>().ToList();

    public static string TicketIdIn(string text) => TicketId().Match(text) is { Success: true } m ? m.Value : throw new InvalidOperationException("No ticket id in: " + text);

    private static IEnumerable<JsonNode> Flatten(JsonNode? element) =>
        element is null ? [] : new[] { element }
            .Concat((element["items"]?.AsArray() ?? []).SelectMany(Flatten))
            .Concat((element["facts"]?.AsArray() ?? []).SelectMany(Flatten))
            .Concat((element["columns"]?.AsArray() ?? []).SelectMany(Flatten));

    [GeneratedRegex("TKT-[0-9A-Z]{7}-[0-9A-Z]{5}")]
    private static partial Regex TicketId();
}
