using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Cards;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>
/// The work after Slack's acknowledgement: a thread's events answered in the order they came, what was taken finished
/// when the host stops, and an event the full lanes refused answered once when Slack sends it again.
/// </summary>
public sealed class SlackWorkLanesTests
{
    private const string Contoso = SlackHostFactory.ContosoTeam;
    private const string Question = "why does my laptop keep losing the office network every afternoon?";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Events_in_one_thread_are_answered_in_the_order_they_came()
    {
        await using var host = await SlowModelSlackHost.StartAsync();
        var question = SlackRequests.Mention(Contoso, "U0ALICE", "C0ORDER", Question);
        var thread = Ts(question);

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(question))).StatusCode);            // slow: the model
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0ORDER", "help", thread)))).StatusCode); // instant

        await host.Slack.WaitForAsync(c => IsHelp(c, "C0ORDER"), timeout: Limit);
        await host.Slack.WaitForAsync(c => IsAnswer(c, "C0ORDER"), timeout: Limit);
        AssertAnsweredInOrder(host.Slack.Calls, "C0ORDER", thread);
    }

    [Fact]
    public async Task A_host_stopped_with_work_taken_still_posts_the_answers_in_order()
    {
        await using var host = await SlowModelSlackHost.StartAsync();
        var question = SlackRequests.Mention(Contoso, "U0ALICE", "C0DRAIN", Question);
        var thread = Ts(question);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(question))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0DRAIN", "help", thread)))).StatusCode);
        Assert.DoesNotContain(host.Slack.Calls, c => IsAnswer(c, "C0DRAIN")); // the model is still thinking, the help waits behind it

        await host.StopHostAsync(); // stops the host while the question is worked on and the help is queued

        AssertAnsweredInOrder(host.Slack.Calls, "C0DRAIN", thread);
    }

    [Fact]
    public async Task A_button_that_opens_the_ticket_form_opens_its_modal_before_the_acknowledgement_while_its_thread_is_busy()
    {
        await using var host = await SlowModelSlackHost.StartAsync();
        var question = SlackRequests.Mention(Contoso, "U0ALICE", "C0MODAL", Question);
        var thread = Ts(question);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(question))).StatusCode);
        var open = new JsonObject
        {
            ["action_id"] = "open-form",
            ["value"] = BlockKitActionValue.Encode(BlockKitRenderer.OpenFormVerb, new Dictionary<string, string> { ["mode"] = "New", ["title"] = "Wi-Fi drops every afternoon", ["submitVerb"] = CardVerbs.TicketCreate }),
        };
        var click = SlackRequests.Click(Contoso, "U0ALICE", "C0MODAL", thread, thread, open);
        var triggerId = (string)click["trigger_id"]!;

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Interaction(click))).StatusCode);

        // views.open was called before the click was acknowledged: the trigger id lasts three seconds, the thread's
        // question (ahead of the click in its lane) takes longer.
        var opened = Assert.Single(host.Slack.Calls, c => c.Method == "views.open" && c.Arg("trigger_id") == triggerId);
        Assert.Contains("Wi-Fi drops every afternoon", opened.Arguments["view"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Slack.Calls, c => IsAnswer(c, "C0MODAL"));
    }

    [Fact]
    public async Task Full_lanes_answer_503_and_slacks_retry_of_the_refused_event_is_answered_exactly_once()
    {
        await using var host = await SlowModelSlackHost.StartAsync(OneAtATime());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0FULLA", Question)))).StatusCode);

        var refused = SlackRequests.Mention(Contoso, "U0BOB", "C0FULLB", "help");
        var busy = await host.Client.SendAsync(SlackRequests.Event(refused));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Contains("Slack will retry", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Slack retries (X-Slack-Retry-Num 1, 2, …); once the question's work is done there is room again.
        await host.Slack.WaitForAsync(c => IsAnswer(c, "C0FULLA"), timeout: Limit);
        var retry = await SendUntilTakenAsync(host, refused, firstRetry: 1);
        await host.Slack.WaitForAsync(c => IsHelp(c, "C0FULLB"), timeout: Limit);

        // A further retry is taken and dropped as already worked on; a later event in the same thread (the same lane, so
        // after it) marks when a duplicate answer would have been posted.
        await SendUntilTakenAsync(host, refused, firstRetry: retry + 1);
        await SendUntilTakenAsync(host, SlackRequests.Mention(Contoso, "U0BOB", "C0FULLB", "list my tickets", Ts(refused)), firstRetry: 0);
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0FULLB" && !IsHelp(c, "C0FULLB"), timeout: Limit);

        Assert.Single(host.Slack.Calls, c => IsHelp(c, "C0FULLB"));
    }

    [Fact]
    public async Task Over_socket_mode_an_event_the_full_lanes_refuse_is_left_unacknowledged_and_its_redelivery_answered_once()
    {
        var slack = await SlackApiStandIn.StartAsync();
        await using var socketMode = await SlackApiStandInSocketMode.StartAsync();
        slack.SocketUrl = socketMode.Url;
        var settings = OneAtATime();
        settings["Slack:SigningSecret"] = "";
        settings["Slack:AppToken"] = "xapp-1-test";
        await using var host = await SlowModelSlackHost.StartAsync(settings, slack);
        var socket = await socketMode.NextConnectionAsync();

        await SendEventAsync(socket, "env-1", SlackRequests.Mention(Contoso, "U0ALICE", "C0SOCKA", Question), 0);
        await WaitForAckAsync(socketMode, "env-1");
        var refused = SlackRequests.Mention(Contoso, "U0BOB", "C0SOCKB", "help");
        await SendEventAsync(socket, "env-2", refused, 0);
        await SendMarkerAsync(socket, socketMode, "env-3"); // envelopes are handled in order: env-2's ack would have come first
        Assert.DoesNotContain(socketMode.Acks, a => (string?)a["envelope_id"] == "env-2");

        await slack.WaitForAsync(c => IsAnswer(c, "C0SOCKA"), timeout: Limit);
        await DeliverUntilAcknowledgedAsync(socket, socketMode, "env-redelivered", refused, firstRetry: 1);
        await slack.WaitForAsync(c => IsHelp(c, "C0SOCKB"), timeout: Limit);

        await DeliverUntilAcknowledgedAsync(socket, socketMode, "env-duplicate", refused, firstRetry: 3);
        await DeliverUntilAcknowledgedAsync(socket, socketMode, "env-later", SlackRequests.Mention(Contoso, "U0BOB", "C0SOCKB", "list my tickets", Ts(refused)), firstRetry: 0);
        await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0SOCKB" && !IsHelp(c, "C0SOCKB"), timeout: Limit);
        Assert.Single(slack.Calls, c => IsHelp(c, "C0SOCKB"));
    }

    [Fact]
    public async Task A_button_click_the_full_lanes_refuse_is_not_acted_on_and_its_user_is_told_to_try_again()
    {
        await using var host = await SlowModelSlackHost.StartAsync(OneAtATime());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0CLICKA", Question)))).StatusCode);
        var help = new JsonObject { ["action_id"] = "help", ["value"] = BlockKitActionValue.Encode(CardVerbs.Help, new Dictionary<string, string>()) };
        var messageTs = SlackRequests.NextTs();

        var clicked = await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Click(Contoso, "U0BOB", "C0CLICKB", messageTs, null, help)));

        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        var busy = Assert.Single(host.Slack.Calls, c => c.Method == "chat.postEphemeral" && c.Arg("channel") == "C0CLICKB");
        Assert.Equal(("U0BOB", SlackInteractions.BusyText), (busy.Arg("user"), busy.Arg("text")));
        // Once the lanes are free again nothing of the refused click shows up: it was never worked on.
        await host.Slack.WaitForAsync(c => IsAnswer(c, "C0CLICKA"), timeout: Limit);
        await SendUntilTakenAsync(host, SlackRequests.Mention(Contoso, "U0BOB", "C0CLICKB", "list my tickets"), firstRetry: 0);
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0CLICKB", timeout: Limit);
        Assert.DoesNotContain(host.Slack.Calls, c => IsHelp(c, "C0CLICKB"));
    }

    [Fact]
    public async Task A_form_submitted_while_the_lanes_are_full_gets_its_ticket_answer_posted_instead_of_dropped()
    {
        await using var host = await SlowModelSlackHost.StartAsync(OneAtATime());
        await host.Client.SendAsync(SlackRequests.Command(Contoso, "U0BOB", "C0FORMB", "new printer jam"));
        var form = (await host.Slack.WaitForAsync(c => c.Method == "views.open", timeout: Limit)).Arguments["view"]!.AsObject();
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0FORMA", Question)))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0CAROL", "C0FORMC", "help")))).StatusCode); // full

        var submitted = await host.Client.SendAsync(SlackRequests.Interaction(SlackRequests.Submission(Contoso, "U0BOB", form,
            new Dictionary<string, string> { ["title"] = "Printer jam on floor 2", ["priority"] = "Low", ["category"] = "Hardware" })));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        // Posted while Slack waited, ahead of the question still being thought about in the lanes.
        var ticket = Assert.Single(host.Slack.Calls, c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0FORMB" && c.Arguments["blocks"] is not null);
        Assert.Contains("Printer jam on floor 2", ticket.Arg("text"), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Slack.Calls, c => IsAnswer(c, "C0FORMA"));
    }

    private static Dictionary<string, string?> OneAtATime() => new()
    {
        ["Slack:Workers"] = "1",
        ["Slack:QueueCapacity"] = "1",
    };

    /// <summary>
    /// Sends <paramref name="envelope"/> as Slack does until it is taken (200): first with retry number
    /// <paramref name="firstRetry"/> (0: no retry header), then as Slack's next retries after each 503. Returns the
    /// retry number that was taken.
    /// </summary>
    private static async Task<int> SendUntilTakenAsync(SlowModelSlackHost host, JsonObject envelope, int firstRetry)
    {
        using var timeout = new CancellationTokenSource(Limit);
        for (var retry = firstRetry; ; retry++)
        {
            var request = SlackRequests.Event(envelope);
            if (retry > 0)
            {
                request.Headers.Add(SlackEventsEndpoint.RetryHeader, retry.ToString(CultureInfo.InvariantCulture));
            }

            var status = (await host.Client.SendAsync(request)).StatusCode;
            if (status == HttpStatusCode.OK)
            {
                return retry;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Still refused at retry {retry}.");
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    /// <summary>Delivers <paramref name="payload"/> over the socket as Slack does, a new envelope per attempt, until one is acknowledged.</summary>
    private static async Task DeliverUntilAcknowledgedAsync(System.Net.WebSockets.WebSocket socket, SlackApiStandInSocketMode socketMode, string name, JsonObject payload, int firstRetry)
    {
        using var timeout = new CancellationTokenSource(Limit);
        for (var attempt = 0; ; attempt++)
        {
            var envelopeId = $"{name}-{attempt}";
            await SendEventAsync(socket, envelopeId, payload, firstRetry + attempt);
            await SendMarkerAsync(socket, socketMode, $"{name}-marker-{attempt}");
            if (socketMode.Acks.Any(a => (string?)a["envelope_id"] == envelopeId))
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"{name} was never acknowledged.");
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    private static void AssertAnsweredInOrder(IReadOnlyList<SlackApiCall> calls, string channel, string thread)
    {
        var answer = LastIndex(calls, c => IsAnswer(c, channel));
        var help = LastIndex(calls, c => IsHelp(c, channel));
        Assert.True(answer >= 0, "the question was not answered");
        Assert.True(help >= 0, "the help was not answered");
        Assert.True(answer < help, "the help, sent second in the thread, was answered before the question");
        Assert.All(calls.Where(c => c.Method == "chat.postMessage" && c.Arg("channel") == channel), c => Assert.Equal(thread, c.Arg("thread_ts")));
    }

    private static int LastIndex(IReadOnlyList<SlackApiCall> calls, Func<SlackApiCall, bool> match)
    {
        for (var i = calls.Count - 1; i >= 0; i--)
        {
            if (match(calls[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The model's answer, as its final form (the answer card, posted or edited in).</summary>
    private static bool IsAnswer(SlackApiCall call, string channel) =>
        call.Method is "chat.postMessage" or "chat.update" && call.Arg("channel") == channel
        && call.Arguments["blocks"] is JsonArray { Count: > 0 } blocks && blocks.ToJsonString().Contains(SlowModelSlackHost.Answer, StringComparison.Ordinal);

    /// <summary>The welcome card "help" is answered with.</summary>
    private static bool IsHelp(SlackApiCall call, string channel) =>
        call.Method == "chat.postMessage" && call.Arg("channel") == channel && (call.Arg("text") ?? "").Contains("support assistant", StringComparison.Ordinal);

    private static string Ts(JsonObject envelope) => (string)envelope["event"]!["ts"]!;

    private static Task SendEventAsync(System.Net.WebSockets.WebSocket socket, string envelopeId, JsonObject payload, int retryAttempt) =>
        SlackApiStandInSocketMode.SendAsync(socket, new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = "events_api",
            ["accepts_response_payload"] = false,
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryAttempt == 0 ? "" : "timeout",
            ["payload"] = payload.DeepClone(),
        });

    /// <summary>A slash command over the socket, answered inline: its ack marks that every envelope before it was handled.</summary>
    private static async Task SendMarkerAsync(System.Net.WebSockets.WebSocket socket, SlackApiStandInSocketMode socketMode, string envelopeId)
    {
        var command = new JsonObject { ["team_id"] = Contoso, ["user_id"] = "U0BOB", ["channel_id"] = "C0SOCKB", ["command"] = "/ticket", ["text"] = "bogus", ["trigger_id"] = "t.1" };
        await SlackApiStandInSocketMode.SendAsync(socket, new JsonObject { ["envelope_id"] = envelopeId, ["type"] = "slash_commands", ["accepts_response_payload"] = true, ["payload"] = command });
        await WaitForAckAsync(socketMode, envelopeId);
    }

    private static async Task<JsonObject> WaitForAckAsync(SlackApiStandInSocketMode socketMode, string envelopeId)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (true)
        {
            if (socketMode.Acks.FirstOrDefault(a => (string?)a["envelope_id"] == envelopeId) is { } ack)
            {
                return ack;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"No ack for {envelopeId}");
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }
}
