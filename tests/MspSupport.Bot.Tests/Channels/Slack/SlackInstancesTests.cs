using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Core.Memory;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>
/// Two instances of the bot host behind one Slack app, sharing one SQLite file as instances behind a load balancer
/// share their storage: a retry of an event that reaches both is worked on once, and a thread the bot joined on one
/// instance takes follow-ups on the other.
/// </summary>
public sealed class SlackInstancesTests : IAsyncLifetime
{
    private const string Contoso = SlackHostFactory.ContosoTeam;

    private readonly string _folder = Directory.CreateTempSubdirectory("msp-slack-instances").FullName;
    private SlackApiStandIn _slack = null!;
    private SlackHostFactory _first = null!;
    private SlackHostFactory _second = null!;
    private HttpClient _toFirst = null!;
    private HttpClient _toSecond = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        var shared = new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = Path.Combine(_folder, "shared.db") };
        _first = new SlackHostFactory(_slack, shared);
        _second = new SlackHostFactory(_slack, shared);
        _toFirst = _first.CreateClient();
        _toSecond = _second.CreateClient();
        await Task.WhenAll(_first.WaitForKnowledgeAsync(), _second.WaitForKnowledgeAsync());
    }

    public async Task DisposeAsync()
    {
        _toFirst.Dispose();
        _toSecond.Dispose();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _slack.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_event_delivered_to_both_instances_is_answered_and_remembered_once()
    {
        var mention = SlackRequests.Mention(Contoso, "U0ALICE", "C0TWICE", "help");
        var thread = (string)mention["event"]!["ts"]!;
        var retry = SlackRequests.Event(mention);
        retry.Headers.Add(SlackEventsEndpoint.RetryHeader, "1");
        var answers = await Task.WhenAll(_toFirst.SendAsync(SlackRequests.Event(mention)), _toSecond.SendAsync(retry));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        // Later events on both instances mark the point by which a second answer would have been posted.
        await _toFirst.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0TWICE", "what can you do")));
        await _toSecond.SendAsync(SlackRequests.Event(SlackRequests.Mention(Contoso, "U0ALICE", "C0TWICE", "what can you do")));
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0TWICE" && c.Arg("thread_ts") == thread);
        await _slack.WaitForAsync(_ => _slack.CallsOf("chat.postMessage").Count(p => p.Arg("channel") == "C0TWICE" && p.Arg("thread_ts") != thread) >= 2);

        Assert.Single(_slack.CallsOf("chat.postMessage"), c => c.Arg("channel") == "C0TWICE" && c.Arg("thread_ts") == thread);
        // The turn is remembered after its answer is posted; both instances read the one file.
        var conversations = _second.Services.GetRequiredService<IConversationStore>();
        Conversation? conversation = null;
        for (var waited = 0; conversation is null && waited < 200; waited++)
        {
            conversation = await conversations.GetAsync($"slack:{Contoso}:C0TWICE:{thread}", CancellationToken.None);
            await Task.Delay(conversation is null ? 50 : 500); // once there, long enough for a second turn's save to land too
        }

        conversation = await conversations.GetAsync($"slack:{Contoso}:C0TWICE:{thread}", CancellationToken.None);
        Assert.NotNull(conversation);
        Assert.Single(conversation.Messages, m => m.Role == "user");
    }

    [Fact]
    public async Task A_thread_joined_on_one_instance_takes_follow_ups_on_the_other()
    {
        var mention = SlackRequests.Mention(Contoso, "U0ALICE", "C0JOINED", "help");
        var thread = (string)mention["event"]!["ts"]!;
        await _toFirst.SendAsync(SlackRequests.Event(mention));
        await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0JOINED" && c.Arg("thread_ts") == thread);

        var before = _slack.Calls.Count;
        var followUp = await _toSecond.SendAsync(SlackRequests.Event(SlackRequests.Message(Contoso, "U0ALICE", "C0JOINED", "channel", "list my tickets", thread)));
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);

        var answer = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0JOINED", before);
        Assert.Equal(thread, answer.Arg("thread_ts"));
    }
}
