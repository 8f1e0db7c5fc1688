using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Activities that need no answer in the HTTP response (messages, conversation and installation updates) are
/// acknowledged at once and handled here, as the M365 Agents SDK's background activity queue does: the channel gives a
/// bot 15 seconds to answer <c>/api/messages</c>, and a model answer with tool calls can take longer, after which
/// Teams reports a failure and may send the activity again. Each conversation's activities are handled one at a time,
/// in the order they came (each conversation is a lane of <see cref="OrderedWorkLanes"/>); lanes run side by side on
/// <c>Teams:Workers</c>. When <c>Teams:QueueCapacity</c> activities are held, a request waits for room rather than the
/// activity being dropped. On shutdown no new activity is taken and those already taken are finished within the host's
/// shutdown timeout.
/// </summary>
public sealed partial class TeamsActivityLanes : IHostedService, IDisposable
{
    private readonly OrderedWorkLanes _lanes;
    private readonly Lazy<ITeamsActivityHandler> _handler;
    private readonly ILogger<TeamsActivityLanes> _logger;
    private readonly bool _enabled;

    /// <summary>The handler is resolved on first use: hosts without Teams settings never build its Bot Connector client.</summary>
    public TeamsActivityLanes(IOptions<TeamsOptions> options, IServiceProvider services, ILogger<TeamsActivityLanes> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var teams = options.Value;
        _lanes = new OrderedWorkLanes("Teams activity", Math.Max(1, teams.Workers), Math.Max(1, teams.QueueCapacity), logger);
        _handler = new(services.GetRequiredService<ITeamsActivityHandler>);
        _logger = logger;
        _enabled = teams.Enabled;
    }

    /// <summary>Activities acknowledged and not yet handled to the end.</summary>
    public int InFlight => _lanes.Held;

    /// <summary>
    /// Takes <paramref name="turn"/> for its conversation's lane, waiting while the lanes are full; false once the host
    /// is stopping. The caller's execution context (trace, log scopes) goes with it, so the turn's spans and log lines
    /// belong to the request that brought it.
    /// </summary>
    public ValueTask<bool> EnqueueAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return _lanes.EnqueueAsync(turn.Activity.Conversation!.Id!, ct => HandleAsync(turn, ct), cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => _enabled ? _lanes.StartAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Takes nothing new and waits for what was taken, until <paramref name="cancellationToken"/> (the host's shutdown timeout) gives up.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _lanes.StopAsync(cancellationToken);

    public void Dispose() => _lanes.Dispose();

    private async Task HandleAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            await _handler.Value.OnActivityAsync(turn, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogAbandonedTurn(turn.Activity.Type, turn.Activity.Id);
        }
        catch (Exception e)
        {
            // Last resort: the handler answers its own failures. Tell the user rather than go silent.
            LogHandlerFailed(e, turn.Activity.Type, turn.Activity.Id);
            await TryApologizeAsync(turn, cancellationToken);
        }
    }

    private async Task TryApologizeAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != "message")
        {
            return;
        }

        try
        {
            await turn.ReplyTextAsync("Sorry, something went wrong on my side and I could not finish that. Please try again in a minute; if it keeps happening, contact the service desk.", cancellationToken);
        }
        catch (Exception e) when (e is ConnectorException or OperationCanceledException or HttpRequestException)
        {
            LogHandlerFailed(e, "apology", turn.Activity.Id);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Handling a {Type} activity ({ActivityId}) failed")]
    private partial void LogHandlerFailed(Exception exception, string? type, string? activityId);

    [LoggerMessage(4, LogLevel.Warning, "A {Type} activity ({ActivityId}) was stopped by the shutdown timeout")]
    private partial void LogAbandonedTurn(string? type, string? activityId);
}
