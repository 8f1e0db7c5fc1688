using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Activities that need no answer in the HTTP response (messages, conversation and installation updates) are
/// acknowledged at once and handled here, as the M365 Agents SDK's background activity queue does: the channel gives a
/// bot 15 seconds to answer <c>/api/messages</c>, and a model answer with tool calls can take longer, after which
/// Teams reports a failure and may send the activity again. Each conversation's activities are handled one at a time,
/// in the order they came (a conversation always goes to the same lane); lanes run side by side. A full lane holds the
/// request back rather than dropping the activity. On shutdown no new activity is taken and those already taken are
/// finished within the host's shutdown timeout.
/// </summary>
public sealed partial class TeamsActivityLanes : IHostedService, IDisposable
{
    private readonly Channel<WorkItem>[] _lanes;
    private readonly Lazy<ITeamsActivityHandler> _handler;
    private readonly ILogger<TeamsActivityLanes> _logger;
    private readonly CancellationTokenSource _abandon = new();
    private readonly bool _enabled;
    private Task[] _runners = [];

    private int _inFlight;

    /// <summary>The handler is resolved on first use: hosts without Teams settings never build its Bot Connector client.</summary>
    public TeamsActivityLanes(IOptions<TeamsOptions> options, IServiceProvider services, ILogger<TeamsActivityLanes> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var teams = options.Value;
        var perLane = Math.Max(1, teams.QueueCapacity / Math.Max(1, teams.Workers));
        _lanes = [.. Enumerable.Range(0, Math.Max(1, teams.Workers)).Select(_ => Channel.CreateBounded<WorkItem>(
            new BoundedChannelOptions(perLane) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true }))];
        _handler = new(services.GetRequiredService<ITeamsActivityHandler>);
        _logger = logger;
        _enabled = teams.Enabled;
    }

    /// <summary>Activities acknowledged and not yet handled to the end.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Takes <paramref name="turn"/> for its conversation's lane, waiting while that lane is full; false once the host
    /// is stopping. The caller's execution context (trace, log scopes) goes with it, so the turn's spans and log lines
    /// belong to the request that brought it.
    /// </summary>
    public async ValueTask<bool> EnqueueAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(turn.Activity.Conversation!.Id!) % (uint)_lanes.Length)];
        var item = new WorkItem(turn, ExecutionContext.Capture());
        Interlocked.Increment(ref _inFlight);
        try
        {
            await lane.Writer.WriteAsync(item, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            Interlocked.Decrement(ref _inFlight);
            if (e is OperationCanceledException)
            {
                throw;
            }

            return false;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_enabled)
        {
            _runners = [.. _lanes.Select(lane => Task.Run(() => RunAsync(lane.Reader), CancellationToken.None))];
        }

        return Task.CompletedTask;
    }

    /// <summary>Takes nothing new and waits for what was taken, until <paramref name="cancellationToken"/> (the host's shutdown timeout) gives up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        var pending = _lanes.Sum(l => l.Reader.Count);
        if (pending > 0)
        {
            LogDraining(pending);
        }

        try
        {
            await Task.WhenAll(_runners).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(_lanes.Sum(l => l.Reader.Count));
            await _abandon.CancelAsync();
        }
    }

    public void Dispose() => _abandon.Dispose();

    private async Task RunAsync(ChannelReader<WorkItem> lane)
    {
        await foreach (var item in lane.ReadAllAsync(CancellationToken.None))
        {
            if (_abandon.IsCancellationRequested)
            {
                Interlocked.Decrement(ref _inFlight);
                continue; // past the shutdown timeout: what is left is dropped (and was logged)
            }

            Task work = Task.CompletedTask;
            if (item.Context is { } context)
            {
                ExecutionContext.Run(context, _ => work = HandleAsync(item.Turn), null);
            }
            else
            {
                work = HandleAsync(item.Turn);
            }

            await work;
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleAsync(TeamsTurn turn)
    {
        try
        {
            await _handler.Value.OnActivityAsync(turn, _abandon.Token);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            LogAbandonedTurn(turn.Activity.Type, turn.Activity.Id);
        }
        catch (Exception e)
        {
            // Last resort: the handler answers its own failures. Tell the user rather than go silent.
            LogHandlerFailed(e, turn.Activity.Type, turn.Activity.Id);
            await TryApologizeAsync(turn);
        }
    }

    private async Task TryApologizeAsync(TeamsTurn turn)
    {
        if (turn.Activity.Type != "message")
        {
            return;
        }

        try
        {
            await turn.ReplyTextAsync("Sorry, something went wrong on my side and I could not finish that. Please try again in a minute; if it keeps happening, contact the service desk.", _abandon.Token);
        }
        catch (Exception e) when (e is ConnectorException or OperationCanceledException or HttpRequestException)
        {
            LogHandlerFailed(e, "apology", turn.Activity.Id);
        }
    }

    private sealed record WorkItem(TeamsTurn Turn, ExecutionContext? Context);

    [LoggerMessage(1, LogLevel.Error, "Handling a {Type} activity ({ActivityId}) failed")]
    private partial void LogHandlerFailed(Exception exception, string? type, string? activityId);

    [LoggerMessage(2, LogLevel.Information, "Shutting down: finishing {Count} Teams activities already acknowledged")]
    private partial void LogDraining(int count);

    [LoggerMessage(3, LogLevel.Warning, "Shutdown timeout reached with {Count} acknowledged Teams activities not started; they are dropped")]
    private partial void LogAbandoned(int count);

    [LoggerMessage(4, LogLevel.Warning, "A {Type} activity ({ActivityId}) was stopped by the shutdown timeout")]
    private partial void LogAbandonedTurn(string? type, string? activityId);
}
