using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Bot.Tests.Handoff;
using MspSupport.Core.Notifications;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>
/// Requester notifications are at least once with dedupe, across an outage of the Bot Connector: a customer files a
/// ticket in Teams, the connector starts answering 503 to every send, a technician moves the ticket on through the
/// ticket API (the change is saved and answered without waiting out the failing send, whose retries fail too), the
/// connector comes back, and the customer gets the update card in the conversation they filed from, once.
/// </summary>
[Collection(LoadAndFaults.Name)]
public sealed class NotificationOutageTests : IAsyncLifetime
{
    private readonly BotConnectorStandIn _teams = new();
    private SlackApiStandIn _slack = null!;
    private ReliabilityHostFactory _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _host = new ReliabilityHostFactory(_teams, _slack, new Dictionary<string, string?>
        {
            ["Notifications:RedeliveryIntervalSeconds"] = "1",
            ["Notifications:RedeliveryMaxIntervalSeconds"] = "2",
            ["Notifications:FirstSendTimeoutSeconds"] = "1",
        });
        _client = _host.CreateClient();
        await _host.WaitForKnowledgeAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
    }

    [Fact]
    public async Task A_change_made_while_Teams_refuses_every_send_reaches_the_requester_once_after_it_recovers()
    {
        var traffic = new ChannelTraffic(_client, _teams, _slack);
        var form = await traffic.TeamsFormAsync(1);
        var ticketId = HandoffTestClient.TicketIdIn((await traffic.TeamsSubmitAsync(form)).ToJsonString());

        // The Bot Connector goes down; a technician moves the ticket on meanwhile, and the change is saved.
        _teams.FailSendsUntilRecovered();
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/tickets/{ticketId}") { Content = JsonContent.Create(new JsonObject { ["status"] = "In Progress" }) })
        {
            patch.Headers.Add("x-api-key", ReliabilityHostFactory.TechKey);
            using var changed = await _client.SendAsync(patch);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        // The first send was refused, and the change was answered without waiting out the HTTP client's retries (the
        // standard handler makes 4 attempts, 2 s apart and more): the send was cut short after 1 s and left to the
        // outbox. At least one redelivery is refused after it.
        var refusedByTheFirstSend = _teams.UnavailableAnswers;
        Assert.True(refusedByTheFirstSend > 0, "The change was made without any send to the connector.");
        Assert.True(refusedByTheFirstSend < 4, $"The change waited for all {refusedByTheFirstSend} attempts of the first send.");
        await Eventually.FindAsync(
            () => _teams.UnavailableAnswers > refusedByTheFirstSend ? "retried" : null,
            () => $"No redelivery reached the connector after the first send's {refusedByTheFirstSend} refusals.");
        Assert.Empty(UpdatesTo(form.Conversation, ticketId));

        // The connector comes back: the update card arrives where the ticket was filed.
        _teams.Recover();
        var notified = await Eventually.FindAsync(
            () => UpdatesTo(form.Conversation, ticketId).FirstOrDefault(),
            () => $"No update card reached {form.Conversation}; the bot sent: " + string.Join("\n", _teams.Sent.Select(a => $"{a["_path"]} {a["text"]}")));

        // Once nothing is left to retry, nothing else can be sent: exactly one card, for this change.
        var pending = _host.Services.GetRequiredService<IPendingNotificationStore>();
        await Eventually.FindAsync(
            async () => (await pending.DueAsync(DateTimeOffset.MaxValue, 10, CancellationToken.None)).Count == 0 ? "empty" : null,
            () => "The notification was sent but is still waiting to be retried.");
        var updates = UpdatesTo(form.Conversation, ticketId);
        Assert.Single(updates);
        Assert.Contains($"Update on {ticketId}", (string?)notified["text"], StringComparison.Ordinal);
        Assert.Contains("status is now In Progress", (string?)notified["text"], StringComparison.Ordinal);
        Assert.Contains(ticketId, notified["attachments"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(form.Conversation, (string?)notified["conversation"]?["id"]);
    }

    /// <summary>The update messages (headline and ticket card) the connector accepted for <paramref name="conversation"/>.</summary>
    private List<JsonObject> UpdatesTo(string conversation, string ticketId) =>
    [
        .. _teams.Sent.Where(a =>
            Uri.UnescapeDataString((string)a["_path"]!).Contains($"/conversations/{conversation}/", StringComparison.Ordinal)
            && ((string?)a["text"] ?? "").StartsWith($"Update on {ticketId}", StringComparison.Ordinal)
            && a["attachments"] is JsonArray { Count: > 0 }),
    ];
}
