using System.Net;
using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Slack;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary><c>POST /slack/events</c> of the real bot host: verification first, then quick acknowledgement and work in the background.</summary>
public sealed class SlackEventsTests(SlackHost host) : IClassFixture<SlackHost>
{
    private const string Contoso = SlackHostFactory.ContosoTeam;

    [Fact]
    public async Task Url_verification_is_answered_with_its_challenge()
    {
        var response = await host.Client.SendAsync(SlackRequests.Event(new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]);
    }

    [Fact]
    public async Task A_mention_is_answered_in_its_thread()
    {
        var mention = SlackRequests.Mention(Contoso, "U0ALICE", "C0MENTION", "help");
        var response = await host.Client.SendAsync(SlackRequests.Event(mention));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var reply = await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0MENTION");
        Assert.Equal((string)mention["event"]!["ts"]!, reply.Arg("thread_ts"));
        Assert.Equal("Bearer " + SlackHostFactory.BotToken, reply.Authorization);
        Assert.Contains("New ticket", reply.Arguments["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_signature_a_stale_timestamp_or_missing_headers_get_401_and_nothing_happens()
    {
        var before = host.Slack.Calls.Count;
        var body = SlackRequests.Mention(Contoso, "U0ALICE", "C0REFUSED", "help").ToJsonString();

        var forged = SlackRequests.Signed(SlackEndpoints.Events, body, "application/json", secret: "not-the-secret");
        var stale = SlackRequests.Signed(SlackEndpoints.Events, body, "application/json", at: DateTimeOffset.UtcNow.AddMinutes(-6));
        var unsigned = new HttpRequestMessage(HttpMethod.Post, SlackEndpoints.Events) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        foreach (var request in new[] { forged, stale, unsigned })
        {
            var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Slack signature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A genuine event after them is answered; nothing was sent for the refused ones.
        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0REFUSED2", "help")));
        await host.Slack.WaitForAsync(c => c.Arg("channel") == "C0REFUSED2", before);
        Assert.DoesNotContain(host.Slack.Calls.Skip(before), c => c.Arg("channel") == "C0REFUSED");
    }

    [Theory]
    [InlineData("{\"type\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}")]
    [InlineData("{\"type\":\"event_callback\",\"event\":\"not an object\"}")]
    public async Task A_signed_but_malformed_payload_gets_400(string body)
    {
        var response = await host.Client.SendAsync(SlackRequests.Signed(SlackEndpoints.Events, body, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_retry_of_the_same_event_is_worked_on_once()
    {
        var mention = SlackRequests.Mention(Contoso, "U0ALICE", "C0RETRY", "help");
        await host.Client.SendAsync(SlackRequests.Event(mention));
        var retry = SlackRequests.Event(mention);
        retry.Headers.Add(SlackEventsEndpoint.RetryHeader, "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(retry)).StatusCode);

        // A later, different event in the same channel marks the point by which a duplicate would have been sent.
        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0RETRY", "what can you do")));
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0RETRY" && c.Arg("thread_ts") != (string)mention["event"]!["ts"]!);
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0RETRY" && c.Arg("thread_ts") == (string)mention["event"]!["ts"]!);
        Assert.Single(host.Slack.Calls, c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0RETRY" && c.Arg("thread_ts") == (string)mention["event"]!["ts"]!);
    }

    [Fact]
    public async Task Bot_messages_our_own_messages_edits_and_joins_are_ignored()
    {
        var before = host.Slack.Calls.Count;
        var bot = SlackRequests.Envelope("MessageBotPayload", Contoso, e =>
        {
            e["bot_id"] = "B0OTHER";
            e["text"] = "help";
            e["channel"] = "C0IGNORED";
            e["channel_type"] = "im";
            e["ts"] = SlackRequests.NextTs();
        });
        var own = SlackRequests.Message(Contoso, SlackHostFactory.BotUser, "C0IGNORED", "im", "help");
        var edited = SlackRequests.Envelope("MessageChangedPayload", Contoso, e =>
        {
            e["channel"] = "C0IGNORED";
            e["channel_type"] = "im";
            e["ts"] = SlackRequests.NextTs();
            e["message"]!["user"] = "U0ALICE";
            e["message"]!["text"] = "help";
        });
        var joined = SlackRequests.Message(Contoso, "U0ALICE", "C0IGNORED", "im", "<@U0ALICE> has joined the channel");
        joined["event"]!["subtype"] = "channel_join";
        foreach (var envelope in new[] { bot, own, edited, joined })
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(envelope))).StatusCode);
        }

        // A person's DM after them is answered; none of the ignored ones was.
        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Message(Contoso, "U0ALICE", "C0IGNORED", "im", "help")));
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0IGNORED", before);
        Assert.Single(host.Slack.Calls.Skip(before), c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0IGNORED");
    }

    [Fact]
    public async Task Follow_ups_in_a_thread_the_bot_answered_need_no_mention_but_other_threads_are_left_alone()
    {
        var mention = SlackRequests.Mention(Contoso, "U0ALICE", "C0THREAD", "help");
        var thread = (string)mention["event"]!["ts"]!;
        await host.Client.SendAsync(SlackRequests.Event(mention));
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0THREAD" && c.Arg("thread_ts") == thread);

        var before = host.Slack.Calls.Count;
        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Message(Contoso, "U0ALICE", "C0THREAD", "channel", "list my tickets", "1700000000.000001")));
        await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Message(Contoso, "U0ALICE", "C0THREAD", "channel", "list my tickets", thread)));
        var followUp = await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0THREAD", before);
        Assert.Equal(thread, followUp.Arg("thread_ts"));
        Assert.DoesNotContain(host.Slack.Calls.Skip(before), c => c.Arg("thread_ts") == "1700000000.000001");
    }
}
