using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Slack wants an answer within three seconds; the work an event or a click asks for (the agent, Web API calls) runs
/// after the acknowledgement, on <see cref="OrderedWorkLanes"/>: one lane per conversation (a thread, or a DM outside
/// threads), so a thread's events are answered in the order they came while other threads go on side by side
/// (<c>Slack:Workers</c>). Past <c>Slack:QueueCapacity</c> items held, work is refused and the event answered 503 for
/// Slack to retry. On shutdown nothing new is taken and what was taken is finished within the host's shutdown timeout.
/// </summary>
public sealed class SlackWorkLanes : IHostedService, IDisposable
{
    private readonly OrderedWorkLanes _lanes;
    private readonly bool _enabled;

    public SlackWorkLanes(IOptions<SlackOptions> options, ILogger<SlackWorkLanes> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var slack = options.Value;
        _lanes = new OrderedWorkLanes("Slack work", Math.Max(1, slack.Workers), Math.Max(1, slack.QueueCapacity), logger,
            threads: slack.WorkerThreadsFor(Environment.ProcessorCount));
        _enabled = slack.Enabled;
    }

    /// <summary>Work items taken and not yet finished (waiting or running).</summary>
    public int Held => _lanes.Held;

    /// <summary>Takes <paramref name="work"/> for the lane <paramref name="lane"/> if there is room; false when full or shutting down.</summary>
    public bool TryEnqueue(string lane, Func<CancellationToken, Task> work) => _lanes.TryEnqueue(lane, work);

    /// <summary>The lane of a conversation: its place's conversation id (workspace, channel, thread or "-" for a DM's top).</summary>
    public static string LaneOf(SlackPlace place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return place.ConversationId;
    }

    /// <summary>The lane of work that belongs to a person rather than a conversation (a command's or shortcut's answer at the top of a channel).</summary>
    public static string LaneOf(string teamId, string userId) => $"slack:{teamId}:user:{userId}";

    public Task StartAsync(CancellationToken cancellationToken) => _enabled ? _lanes.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _lanes.StopAsync(cancellationToken);

    public void Dispose() => _lanes.Dispose();
}
