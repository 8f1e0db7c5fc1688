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
    private SlackApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _http = new HttpClient();
        _api = new SlackApiClient(_http, Options.Create(new SlackOptions { ApiBaseUrl = _slack.ApiBaseUrl }), NullLogger<SlackApiClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
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
}
