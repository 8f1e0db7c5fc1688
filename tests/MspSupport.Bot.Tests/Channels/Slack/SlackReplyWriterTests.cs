using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Channels.Slack;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Testing;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>A streamed answer in Slack: one message, edited no more often than the interval, finished as the answer card.</summary>
public sealed class SlackReplyWriterTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private SlackApiStandIn _slack = null!;
    private HttpClient _http = null!;
    private SlackPacer _pacer = null!;
    private SlackApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _api = Client(new SlackOptions { ApiBaseUrl = _slack.ApiBaseUrl });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _pacer.Dispose();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Deltas_are_edited_in_at_most_once_per_interval_and_the_last_edit_is_the_answer_card()
    {
        var writer = new SlackReplyWriter(_api, new BlockKitRenderer(), _clock, TimeSpan.FromSeconds(1), "xoxb-1", "C1", "1.0");
        await writer.WriteAsync(new TextDeltaEvent("Restart "), CancellationToken.None);     // posted
        await writer.WriteAsync(new TextDeltaEvent("the spooler "), CancellationToken.None);  // too soon: no edit
        _clock.Advance(TimeSpan.FromSeconds(1));
        await writer.WriteAsync(new TextDeltaEvent("service [1]."), CancellationToken.None);  // edited
        await writer.WriteAsync(new TextEvent("Restart the spooler service [1]."), CancellationToken.None);
        await writer.WriteAsync(new CitationsEvent([new NumberedCitation(1, "Printing", "Steps", "https://kb.example/printing")]), CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        var post = Assert.Single(_slack.CallsOf("chat.postMessage"));
        Assert.Equal("Restart …", post.Arg("text"));
        var edits = _slack.CallsOf("chat.update");
        Assert.Equal(2, edits.Count);
        Assert.All(edits, e => Assert.Equal((string?)post.Answer["ts"], e.Arg("ts")));
        Assert.Equal("Restart the spooler service [1]. …", edits[0].Arg("text"));
        var final = edits[1].Arguments["blocks"]!.ToJsonString();
        Assert.Contains("kb.example/printing", final, StringComparison.Ordinal);
        Assert.Contains("Helpful", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_without_a_final_text_is_left_with_what_was_streamed()
    {
        var writer = new SlackReplyWriter(_api, new BlockKitRenderer(), _clock, TimeSpan.FromHours(1), "xoxb-1", "C1", null);
        await writer.WriteAsync(new TextDeltaEvent("Half an ans"), CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);
        Assert.Equal("Half an ans", Assert.Single(_slack.CallsOf("chat.update")).Arg("text"));
    }

    [Fact]
    public async Task Progress_edits_keep_to_chat_updates_pace_by_being_skipped_and_the_final_edit_always_goes()
    {
        _http.Dispose();
        _pacer.Dispose();
        var period = TimeSpan.FromSeconds(1);
        _api = Client(new SlackOptions { ApiBaseUrl = _slack.ApiBaseUrl, Pacing = new() { ["chat.update"] = new() { PerMinute = 60, Burst = 1 } } });
        var writer = new SlackReplyWriter(_api, new BlockKitRenderer(), _clock, TimeSpan.Zero, "xoxb-1", "C1", "1.0");

        var streaming = System.Diagnostics.Stopwatch.StartNew();
        var words = Enumerable.Range(1, 40).Select(i => $"word{i} ").ToList();
        foreach (var word in words)
        {
            await writer.WriteAsync(new TextDeltaEvent(word), CancellationToken.None);
        }

        var elapsed = streaming.Elapsed;
        await writer.WriteAsync(new TextEvent(string.Concat(words).TrimEnd()), CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        // With no interval of its own, the writer edits only as often as chat.update's pace allows (the burst, then
        // one a period), not once per delta; the answer card is the last edit, whatever the pace.
        var edits = _slack.CallsOf("chat.update");
        var progress = edits.Count - 1;
        Assert.InRange(progress, 1, 1 + (int)Math.Ceiling(elapsed / period));
        Assert.Contains("word40", edits[^1].Arguments["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Helpful", edits[^1].Arguments["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private SlackApiClient Client(SlackOptions settings)
    {
        var options = Options.Create(settings);
        _pacer = new SlackPacer(options, TimeProvider.System);
        _http = new HttpClient(new SlackRateLimitHandler(_pacer, TimeProvider.System, NullLogger<SlackRateLimitHandler>.Instance) { InnerHandler = new SocketsHttpHandler() });
        return new SlackApiClient(_http, options, _pacer, NullLogger<SlackApiClient>.Instance);
    }
}
