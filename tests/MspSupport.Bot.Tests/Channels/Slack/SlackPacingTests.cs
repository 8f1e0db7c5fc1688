using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>
/// The Web API client's pacing against the stand-in over real HTTP, with small configured paces. Spacing is checked
/// from below only (a busy machine can spread calls further, never closer) and "not held up" as an order of arrival.
/// </summary>
public sealed class SlackPacingTests : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(400);
    private SlackApiStandIn _slack = null!;
    private SlackPacer? _pacer;
    private readonly List<IDisposable> _owned = [];

    public async Task InitializeAsync() => _slack = await SlackApiStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        _owned.ForEach(o => o.Dispose());
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_of_posts_to_one_channel_is_spread_at_the_channels_pace()
    {
        var client = Client(new() { ["chat.postMessage"] = new() { PerMinute = TimeSpan.FromMinutes(1) / Period, Burst = 1, PerChannel = true } });
        await client.PostMessageAsync("xoxb-a", "C0WARM", null, "warm the connection", null, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(1, 4).Select(i => client.PostMessageAsync("xoxb-a", "C0BURST", null, $"message {i}", null, CancellationToken.None)));

        var burst = _slack.CallsOf("chat.postMessage").Where(c => c.Arg("channel") == "C0BURST").Select(c => c.At).Order().ToList();
        Assert.Equal(4, burst.Count);
        // One goes at once, the other three wait a period each: 1.2 s in all, less the timer's 100 ms steps.
        Assert.True(burst[^1] - burst[0] >= 3 * Period - TimeSpan.FromMilliseconds(200), $"spread over {(burst[^1] - burst[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Other_channels_and_other_workspaces_are_not_held_up_by_a_busy_channel()
    {
        var client = Client(new() { ["chat.postMessage"] = new() { PerMinute = TimeSpan.FromMinutes(1) / Period, Burst = 1, PerChannel = true } });
        await client.PostMessageAsync("xoxb-a", "C0WARM", null, "warm the connection", null, CancellationToken.None);

        var busy = Enumerable.Range(1, 4).Select(i => client.PostMessageAsync("xoxb-a", "C0BUSY", null, $"busy {i}", null, CancellationToken.None)).ToList();
        var otherChannel = client.PostMessageAsync("xoxb-a", "C0QUIET", null, "other channel", null, CancellationToken.None);
        var otherWorkspace = client.PostMessageAsync("xoxb-b", "C0BUSY", null, "other workspace", null, CancellationToken.None);
        await Task.WhenAll([.. busy, otherChannel, otherWorkspace]);

        var calls = _slack.CallsOf("chat.postMessage").ToList();
        var lastBusy = calls.FindLastIndex(c => c.Arg("channel") == "C0BUSY" && c.Authorization == "Bearer xoxb-a");
        Assert.True(calls.FindIndex(c => c.Arg("channel") == "C0QUIET") < lastBusy, string.Join(", ", calls.Select(c => c.Arg("text"))));
        Assert.True(calls.FindIndex(c => c.Authorization == "Bearer xoxb-b") < lastBusy, string.Join(", ", calls.Select(c => c.Arg("text"))));
    }

    [Fact]
    public async Task A_429s_Retry_After_holds_the_workspaces_method_even_when_the_pace_has_room()
    {
        var client = Client(new() { ["chat.postMessage"] = new() { PerMinute = 6000, Burst = 10, PerChannel = true } });
        // Three seconds, so that "the other workspace went first" does not depend on how quickly a busy machine runs this test.
        _slack.RateLimitNext("chat.postMessage", 3);

        var first = client.PostMessageAsync("xoxb-a", "C0LIMITED", null, "first", null, CancellationToken.None);
        var refused = await _slack.WaitForAsync(c => c.Status == 429);
        while (_pacer!.HeldFor("xoxb-a", "chat.postMessage") == TimeSpan.Zero && !first.IsCompleted)
        {
            await Task.Delay(5); // the client has read the 429 (the stand-in records a call before answering it)
        }

        var sameWorkspace = client.PostMessageAsync("xoxb-a", "C0OTHER", null, "same workspace", null, CancellationToken.None);
        var otherWorkspace = client.PostMessageAsync("xoxb-b", "C0OTHER", null, "other workspace", null, CancellationToken.None);
        await Task.WhenAll(first, sameWorkspace, otherWorkspace);

        var calls = _slack.CallsOf("chat.postMessage").ToList();
        var retried = calls.Single(c => c.Status == 200 && c.Arg("text") == "first");
        var held = calls.Single(c => c.Arg("text") == "same workspace");
        Assert.True(retried.At - refused.At >= TimeSpan.FromSeconds(2.9), $"sent again after {(retried.At - refused.At).TotalMilliseconds} ms");
        Assert.True(held.At - refused.At >= TimeSpan.FromSeconds(2.9), $"same workspace sent after {(held.At - refused.At).TotalMilliseconds} ms");
        var other = calls.Single(c => c.Arg("text") == "other workspace");
        Assert.True(calls.IndexOf(other) < calls.IndexOf(retried), $"the other workspace was sent {(other.At - refused.At).TotalMilliseconds} ms after the 429, the retry {(retried.At - refused.At).TotalMilliseconds} ms after");
    }

    [Fact]
    public async Task A_user_lookup_without_room_in_its_pace_is_skipped_at_once_not_waited_for()
    {
        var client = Client(new() { ["users.info"] = new() { PerMinute = 1, Burst = 1 } });

        var first = await client.UserInfoIfRoomAsync("xoxb-a", "U0FIRST", CancellationToken.None);
        var second = await client.UserInfoIfRoomAsync("xoxb-a", "U0SECOND", CancellationToken.None);
        var otherWorkspace = await client.UserInfoIfRoomAsync("xoxb-b", "U0SECOND", CancellationToken.None);

        Assert.True(first.Sent);
        Assert.False(second.Sent);
        Assert.True(otherWorkspace.Sent);
        Assert.Equal(["Bearer xoxb-a", "Bearer xoxb-b"], _slack.CallsOf("users.info").Select(c => c.Authorization));
    }

    [Fact]
    public void A_configured_pace_changes_its_method_only_and_the_documented_tiers_stay_for_the_others()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:Pacing:conversations.replies:PerMinute"] = "1",
            ["Slack:Pacing:chat.update:PerMinute"] = "30",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSlackChannel(configuration).BuildServiceProvider();

        var pacing = services.GetRequiredService<IOptions<SlackOptions>>().Value.Pacing;

        Assert.Equal(1, pacing["conversations.replies"].PerMinute);
        Assert.Equal(30, pacing["chat.update"].PerMinute);
        Assert.Equal(5, pacing["chat.update"].Burst);
        Assert.Equal(new SlackMethodPace { PerMinute = 60, Burst = 3, PerChannel = true }, pacing["chat.postMessage"]);
        Assert.Equal(100, pacing["users.info"].PerMinute);
    }

    private SlackApiClient Client(Dictionary<string, SlackMethodPace> pacing)
    {
        var options = Options.Create(new SlackOptions { ApiBaseUrl = _slack.ApiBaseUrl, Pacing = pacing });
        var pacer = _pacer = new SlackPacer(options, TimeProvider.System);
        var http = new HttpClient(new SlackRateLimitHandler(pacer, TimeProvider.System, NullLogger<SlackRateLimitHandler>.Instance) { InnerHandler = new SocketsHttpHandler() });
        _owned.Add(http);
        _owned.Add(pacer);
        return new SlackApiClient(http, options, pacer, NullLogger<SlackApiClient>.Instance);
    }
}
