namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// The "…" a user sees while the assistant works: a <c>typing</c> activity once the turn has taken longer than
/// <see cref="TeamsOptions.TypingDelay"/>, repeated every <see cref="TeamsOptions.TypingInterval"/> (Teams shows one
/// for a few seconds) until the first reply goes out. An answer that is ready sooner goes without one, as botbuilder's
/// <c>ShowTypingMiddleware</c> does: an indicator flashed just before an instant answer tells the user nothing and
/// costs a Bot Connector call per message.
/// </summary>
internal sealed partial class TeamsTypingIndicator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TeamsTypingIndicator(TeamsTurn turn, TeamsOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken) =>
        _loop = RunAsync(turn, options, time, logger, cancellationToken);

    public static TeamsTypingIndicator Start(TeamsTurn turn, TeamsOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken) =>
        new(turn, options, time, logger, cancellationToken);

    /// <summary>No more indicators; waits for one being sent, so that none arrives after the reply that follows.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(TeamsTurn turn, TeamsOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var wait = options.TypingDelay;
        try
        {
            while (true)
            {
                // Stopped before the delay ran out is the usual case (an instant answer): no exception for it, a
                // thrown cancellation per turn cost more than the rest of the indicator.
                await Task.Delay(wait, time, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                await turn.ReplyAsync(new Activity { Type = "typing" }, cancellationToken);
                wait = options.TypingInterval;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            // stopped: the reply is on its way, or the request is gone
        }
        catch (ConnectorException e)
        {
            LogTypingFailed(logger, e.StatusCode, turn.Activity.Id);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "A typing indicator was not accepted ({Status}) for activity {ActivityId}; the turn goes on")]
    private static partial void LogTypingFailed(ILogger logger, int? status, string? activityId);
}
