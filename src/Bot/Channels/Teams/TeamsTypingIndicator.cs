namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// The "…" a user sees while the assistant works: a <c>typing</c> activity once the turn has taken longer than
/// <see cref="TeamsOptions.TypingDelay"/>, repeated every <see cref="TeamsOptions.TypingInterval"/> (Teams shows one
/// for a few seconds) until the first reply goes out. An answer that is ready sooner goes without one, as botbuilder's
/// <c>ShowTypingMiddleware</c> does: an indicator flashed just before an instant answer tells the user nothing and
/// costs a Bot Connector call per message. Most turns are instant, so the indicator is one timer that is usually
/// disposed before it first fires: no cancellation source, delay task or loop per turn.
/// </summary>
internal sealed partial class TeamsTypingIndicator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TeamsTurn _turn;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellationToken;
    private readonly ITimer _timer;
    private Task _sending = Task.CompletedTask;
    private bool _stopped;

    private TeamsTypingIndicator(TeamsTurn turn, TeamsOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        _turn = turn;
        _logger = logger;
        _cancellationToken = cancellationToken;
        _timer = time.CreateTimer(static state => ((TeamsTypingIndicator)state!).Tick(), this, options.TypingDelay, options.TypingInterval);
    }

    public static TeamsTypingIndicator Start(TeamsTurn turn, TeamsOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken) =>
        new(turn, options, time, logger, cancellationToken);

    /// <summary>No more indicators; waits for one being sent, so that none arrives after the reply that follows.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                _stopped = true;
                _timer.Dispose();
            }

            return _sending;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Tick()
    {
        lock (_gate)
        {
            // One at a time: a send still under way when the next interval comes skips that one.
            if (!_stopped && _sending.IsCompleted && !_cancellationToken.IsCancellationRequested)
            {
                _sending = SendAsync();
            }
        }
    }

    private async Task SendAsync()
    {
        try
        {
            await _turn.ReplyAsync(new Activity { Type = "typing" }, _cancellationToken);
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            // the request is gone
        }
        catch (ConnectorException e)
        {
            LogTypingFailed(_logger, e.StatusCode, _turn.Activity.Id);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "A typing indicator was not accepted ({Status}) for activity {ActivityId}; the turn goes on")]
    private static partial void LogTypingFailed(ILogger logger, int? status, string? activityId);
}
