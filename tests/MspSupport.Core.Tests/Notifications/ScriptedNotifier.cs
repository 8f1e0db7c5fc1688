using System.Collections.Concurrent;
using MspSupport.Core.Notifications;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// A channel that answers each send with the next scripted step (an outcome, or an exception to throw), then with
/// <see cref="Then"/>; it keeps every notice it was asked to send and every one it accepted.
/// </summary>
internal sealed class ScriptedNotifier(string channel) : IRequesterNotifier
{
    private readonly ConcurrentQueue<Func<CancellationToken, NotificationOutcome>> _steps = new();
    private readonly ConcurrentQueue<RequesterNotice> _attempts = new();
    private readonly ConcurrentQueue<RequesterNotice> _accepted = new();

    public string Channel => channel;

    /// <summary>The answer once the script is used up.</summary>
    public NotificationOutcome Then { get; set; } = NotificationOutcome.Sent;

    public IReadOnlyList<RequesterNotice> Attempts => [.. _attempts];

    public IReadOnlyList<RequesterNotice> Accepted => [.. _accepted];

    public ScriptedNotifier Answer(params NotificationOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _steps.Enqueue(_ => outcome);
        }

        return this;
    }

    public ScriptedNotifier Throw(Func<CancellationToken, Exception> exception)
    {
        _steps.Enqueue(ct => throw exception(ct));
        return this;
    }

    public Task<NotificationOutcome> SendAsync(RequesterNotice notice, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(notice);
        var outcome = _steps.TryDequeue(out var step) ? step(cancellationToken) : Then;
        if (outcome == NotificationOutcome.Sent)
        {
            _accepted.Enqueue(notice);
        }

        return Task.FromResult(outcome);
    }
}
