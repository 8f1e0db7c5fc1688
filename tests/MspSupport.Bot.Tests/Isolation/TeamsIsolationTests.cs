using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MspSupport.Bot.Tests.Channels.Teams;
using MspSupport.Core.Cards;
using MspSupport.Testing;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// Customer A in Teams (contoso's tenant) names customer B's ticket in messages and in forged Universal Actions
/// invokes, through /api/messages signed as the Bot Connector signs: every attempt is told there is no such ticket,
/// nothing of B's is sent back, and B's ticket stays as it was.
/// </summary>
[Collection(IsolationHostGroup.Name)]
public sealed class TeamsIsolationTests(IsolationHost host)
{
    private readonly string _conversation = $"a:isolation-{Guid.NewGuid():N}";

    [Theory]
    [InlineData("status of {0}")]
    [InlineData("show {0}")]
    [InlineData("{0}")]
    [InlineData("close {0}")]
    [InlineData("reopen {0}")]
    [InlineData("set {0} to low")]
    [InlineData("add a note to {0}: contoso was here")]
    public async Task A_message_naming_another_customers_ticket_is_told_there_is_no_such_ticket(string message)
    {
        var response = await PostAsync(Message(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, host.BobsTicketId)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Factory.Services.WaitForTeamsTurnsAsync();

        var seen = SentToConversation();
        IsolationHost.AssertToldNoSuchTicket(seen);
        IsolationHost.AssertNothingOfBobs(seen);
        await host.AssertBobsTicketUntouchedAsync();
    }

    [Theory]
    [InlineData(CardVerbs.TicketShow)]
    [InlineData(CardVerbs.TicketEdit)]
    [InlineData(CardVerbs.TicketClose)]
    [InlineData(CardVerbs.TicketReopen)]
    [InlineData(CardVerbs.TicketAssignToMe)]
    [InlineData(CardVerbs.TicketAddNote)]
    [InlineData(CardVerbs.TicketUpdate)]
    public async Task A_forged_card_action_carrying_another_customers_ticket_id_is_answered_no_such_ticket(string verb)
    {
        var data = new JsonObject
        {
            ["verb"] = verb,
            ["ticketId"] = host.BobsTicketId,
            ["note"] = "contoso was here",
            ["title"] = "Hijacked by contoso",
            ["status"] = "Closed",
            ["version"] = ((long)host.Filed["version"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var activity = Message(null);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };

        var response = await PostAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        await host.Factory.Services.WaitForTeamsTurnsAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = body + SentToConversation();
        IsolationHost.AssertToldNoSuchTicket(seen);
        IsolationHost.AssertNothingOfBobs(seen);
        await host.AssertBobsTicketUntouchedAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Connector.CreateChannelToken(TeamsHost.AppId, host.Connector.ServiceUrl));
        return await host.Client.SendAsync(request);
    }

    /// <summary>Everything the bot sent into this test's conversation, as the connector recorded it.</summary>
    private string SentToConversation() => string.Join("\n", host.Connector.Sent
        .Where(a => ((string?)a["_path"] ?? "").Contains(Uri.EscapeDataString(_conversation), StringComparison.Ordinal) ||
                    ((string?)a["_path"] ?? "").Contains(_conversation, StringComparison.Ordinal))
        .Select(a => a.ToJsonString()));

    /// <summary>A personal-chat message from a user of contoso's tenant, in this test's own conversation.</summary>
    private JsonObject Message(string? text)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "..", "shared", "fixtures", "teams", "message-personal.json")))!.AsObject();
        activity["serviceUrl"] = host.Connector.ServiceUrl;
        activity["id"] = $"f:{Guid.NewGuid()}";
        activity["text"] = text;
        activity["conversation"]!["id"] = _conversation;
        return activity;
    }
}
