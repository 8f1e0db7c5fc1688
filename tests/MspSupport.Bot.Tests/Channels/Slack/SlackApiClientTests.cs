using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>The Web API client against the stand-in: tokens, ok:false, and 429 with Retry-After.</summary>
public sealed class SlackApiClientTests : IAsyncLifetime
{
    private SlackApiStandIn _slack = null!;
    private HttpClient _http = null!;
    private SlackPacer _pacer = null!;
    private SlackApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        var options = Options.Create(new SlackOptions { ApiBaseUrl = _slack.ApiBaseUrl });
        _pacer = new SlackPacer(options, TimeProvider.System);
        _http = new HttpClient(new SlackRateLimitHandler(_pacer, TimeProvider.System, NullLogger<SlackRateLimitHandler>.Instance) { InnerHandler = new SocketsHttpHandler() });
        _client = new SlackApiClient(_http, options, _pacer, NullLogger<SlackApiClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _pacer.Dispose();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_message_is_posted_with_the_bot_token_to_the_configured_base_url()
    {
        var ts = await _client.PostMessageAsync("xoxb-1", "C1", "1.0", "hello", null, CancellationToken.None);
        Assert.NotNull(ts);
        var call = Assert.Single(_slack.Calls);
        Assert.Equal("chat.postMessage", call.Method);
        Assert.Equal("Bearer xoxb-1", call.Authorization);
        Assert.Equal("1.0", call.Arg("thread_ts"));
    }

    [Fact]
    public async Task Ok_false_comes_back_as_nothing()
    {
        _slack.FailNext("chat.update", "message_not_found");
        Assert.False(await _client.UpdateAsync("xoxb-1", "C1", "1.0", "x", null, CancellationToken.None));
        Assert.True(await _client.UpdateAsync("xoxb-1", "C1", "1.0", "x", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_and_the_call_sent_again()
    {
        _slack.RateLimitNext("chat.postMessage", 1);
        var ts = await _client.PostMessageAsync("xoxb-1", "C1", null, "hello", null, CancellationToken.None);
        Assert.NotNull(ts);
        Assert.Equal([429, 200], _slack.CallsOf("chat.postMessage").Select(c => c.Status));
    }

    [Fact]
    public async Task Thread_history_and_user_names_are_read_form_encoded()
    {
        _slack.Threads["C1/1.0"] = [new System.Text.Json.Nodes.JsonObject { ["ts"] = "1.0", ["text"] = "printer is on fire", ["user"] = "U1" }];
        _slack.UserNames["U1"] = "Alice";
        var messages = await _client.RepliesAsync("xoxb-1", "C1", "1.0", 10, CancellationToken.None);
        var user = await _client.UserInfoAsync("xoxb-1", "U1", CancellationToken.None);
        Assert.Equal("printer is on fire", (string?)Assert.Single(messages)["text"]);
        Assert.Equal("Alice", (string?)user?["real_name"]);
        Assert.Empty(await _client.RepliesAsync("xoxb-1", "C1", "9.9", 10, CancellationToken.None));
    }
}
