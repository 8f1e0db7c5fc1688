using System.Threading.Channels;

namespace MspSupport.Bot.Channels;

/// <summary>
/// Work a channel acknowledged and does afterwards, in lanes: items with the same key (a conversation, a thread) run one
/// at a time in the order they came; different keys run side by side on at most <c>workers</c> items at once, a lane
/// with more waiting going to the back after each item so that one busy conversation does not hold the others. At most
/// <c>capacity</c> items are held (waiting and running): <see cref="TryEnqueue"/> refuses past it,
/// <see cref="EnqueueAsync"/> waits for room. The caller's execution context (trace, log scopes) goes with each item.
/// An item that fails is logged and never stops another. On <see cref="StopAsync"/> nothing new is taken and what was
/// taken is finished, until the host's shutdown timeout: then the items not started are dropped, the running ones
/// cancelled, and both counted in the log.
/// </summary>
public sealed partial class OrderedWorkLanes : IHostedService, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Channel<Lane> _ready = Channel.CreateUnbounded<Lane>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _name;
    private readonly int _workers;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly TaskScheduler _scheduler;
    private Task[] _runners = [];
    private int _held;
    private bool _closed;

    /// <param name="name">What the items are, for the log ("Slack events").</param>
    /// <param name="workers">Items run at once, across lanes.</param>
    /// <param name="capacity">Items held at once, waiting and running.</param>
    /// <param name="logger">Where failures, the drain and what shutdown dropped are logged.</param>
    /// <param name="threads">
    /// Threads the items' own code may use at once (null: no limit but the pool's). Items that wait on I/O hold no
    /// thread, so many can be under way on few threads; a limit below the cores keeps a core for the requests that
    /// bring the work, whose acknowledgement would otherwise queue behind it on a busy pool.
    /// </param>
    public OrderedWorkLanes(string name, int workers, int capacity, ILogger logger, int? threads = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(logger);
        _name = name;
        _workers = workers;
        _capacity = capacity;
        _logger = logger;
        _scheduler = threads is { } limit
            ? new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Math.Max(1, limit)).ConcurrentScheduler
            : TaskScheduler.Default;
    }

    /// <summary>Items taken and not yet finished (waiting or running).</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Takes <paramref name="work"/> for lane <paramref name="key"/> if there is room now; false when full or stopping.</summary>
    public bool TryEnqueue(string key, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
        var item = new WorkItem(work, ExecutionContext.Capture());
        lock (_gate)
        {
            if (_closed || _held >= _capacity || _waiters.Count > 0)
            {
                return false;
            }

            AdmitLocked(key, item);
            return true;
        }
    }

    /// <summary>
    /// Takes <paramref name="work"/> for lane <paramref name="key"/>, waiting while every place is taken (callers that
    /// wait are let in in the order they came); false once stopping. Throws when <paramref name="cancellationToken"/>
    /// gives up first.
    /// </summary>
    public async ValueTask<bool> EnqueueAsync(string key, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
        var item = new WorkItem(work, ExecutionContext.Capture());
        Waiter waiter;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_held < _capacity && _waiters.Count == 0)
            {
                AdmitLocked(key, item);
                return true;
            }

            waiter = new Waiter(key, item);
            waiter.Node = _waiters.AddLast(waiter);
        }

        using (cancellationToken.Register(() => GiveUp(waiter, cancellationToken)))
        {
            return await waiter.Admitted.Task;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The runners start on the lanes' scheduler; the items' awaits come back to it (no ConfigureAwait(false) here).
        _runners = [.. Enumerable.Range(0, _workers).Select(_ =>
            Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap())];
        return Task.CompletedTask;
    }

    /// <summary>Takes nothing new and finishes what was taken, until <paramref name="cancellationToken"/> (the host's shutdown timeout) gives up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        int held;
        lock (_gate)
        {
            _closed = true;
            held = _held;
            foreach (var waiter in _waiters)
            {
                waiter.Admitted.TrySetResult(false);
            }

            _waiters.Clear();
            if (held == 0)
            {
                _drained.TrySetResult();
            }
        }

        if (held > 0)
        {
            LogDraining(_name, held);
        }

        try
        {
            await _drained.Task.WaitAsync(cancellationToken);
            _ready.Writer.TryComplete();
            await Task.WhenAll(_runners).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbandonAsync();
        }
    }

    public void Dispose() => _abandon.Dispose();

    private void AdmitLocked(string key, WorkItem item)
    {
        if (!_lanes.TryGetValue(key, out var lane))
        {
            lane = new Lane(key);
            _lanes.Add(key, lane);
        }

        lane.Items.Enqueue(item);
        _held++;
        if (!lane.Scheduled)
        {
            lane.Scheduled = true;
            _ready.Writer.TryWrite(lane);
        }
    }

    private void GiveUp(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return; // already let in, or refused by the stop
            }

            _waiters.Remove(waiter.Node);
        }

        waiter.Admitted.TrySetCanceled(cancellationToken);
    }

    private async Task RunAsync()
    {
        await foreach (var lane in _ready.Reader.ReadAllAsync(CancellationToken.None))
        {
            WorkItem? item;
            lock (_gate)
            {
                lane.Items.TryDequeue(out item); // empty only when shutdown dropped what the lane held
            }

            if (item is null)
            {
                continue;
            }

            Task work = Task.CompletedTask;
            if (item.Context is { } context)
            {
                ExecutionContext.Run(context, _ => work = InvokeAsync(item), null);
            }
            else
            {
                work = InvokeAsync(item);
            }

            await work;
            Finished(lane);
        }
    }

    private async Task InvokeAsync(WorkItem item)
    {
        try
        {
            await item.Work(_abandon.Token);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Stopped by the shutdown timeout; counted when it was cancelled.
        }
        catch (Exception e)
        {
            LogFailed(e, _name);
        }
    }

    private void Finished(Lane lane)
    {
        lock (_gate)
        {
            _held--;
            if (lane.Items.Count > 0)
            {
                _ready.Writer.TryWrite(lane); // to the back: the other lanes waiting get their turn first
            }
            else
            {
                lane.Scheduled = false;
                _lanes.Remove(lane.Key);
            }

            while (_held < _capacity && _waiters.First is { } next)
            {
                _waiters.RemoveFirst();
                AdmitLocked(next.Value.Key, next.Value.Item);
                next.Value.Admitted.TrySetResult(true);
            }

            if (_closed && _held == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    private async Task AbandonAsync()
    {
        var dropped = 0;
        int running;
        lock (_gate)
        {
            foreach (var lane in _lanes.Values)
            {
                dropped += lane.Items.Count;
                lane.Items.Clear();
            }

            _held -= dropped;
            running = _held;
            _ready.Writer.TryComplete();
        }

        LogAbandoned(_name, dropped, running);
        await _abandon.CancelAsync();
    }

    private sealed class Lane(string key)
    {
        public string Key { get; } = key;

        public Queue<WorkItem> Items { get; } = new();

        /// <summary>In the ready queue or running: the lane is not scheduled twice, so its items never run side by side.</summary>
        public bool Scheduled { get; set; }
    }

    private sealed class Waiter(string key, WorkItem item)
    {
        public string Key { get; } = key;

        public WorkItem Item { get; } = item;

        public LinkedListNode<Waiter>? Node { get; set; }

        public TaskCompletionSource<bool> Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record WorkItem(Func<CancellationToken, Task> Work, ExecutionContext? Context);

    // Event ids from 101: the lanes log under their owner's category, whose own ids start at 1.
    [LoggerMessage(101, LogLevel.Error, "A work item of the {Name} lanes failed")]
    private partial void LogFailed(Exception exception, string name);

    [LoggerMessage(102, LogLevel.Information, "Shutting down: finishing {Count} {Name} items already taken")]
    private partial void LogDraining(string name, int count);

    [LoggerMessage(103, LogLevel.Warning, "Shutdown timeout reached: {Dropped} {Name} items not started are dropped and {Running} running are cancelled")]
    private partial void LogAbandoned(string name, int dropped, int running);
}
