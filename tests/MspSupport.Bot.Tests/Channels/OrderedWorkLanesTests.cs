using System.Collections.Concurrent;
using MspSupport.Bot.Channels;
using MspSupport.Testing.Telemetry;

namespace MspSupport.Bot.Tests.Channels;

/// <summary>
/// The lanes both channels run acknowledged work on: order within a key, parallelism across keys, a bound on what is
/// held, failures kept to their item, and a stop that finishes what was taken until the shutdown timeout.
/// </summary>
public sealed class OrderedWorkLanesTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly CapturedLogs _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Items_with_one_key_run_one_at_a_time_in_the_order_they_came()
    {
        using var lanes = await StartAsync(workers: 4, capacity: 100);
        var order = new ConcurrentQueue<int>();
        var running = 0;
        var most = 0;
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            Assert.True(lanes.TryEnqueue("thread-1", async _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Yield();
                order.Enqueue(n);
                Interlocked.Decrement(ref running);
                if (n == 19)
                {
                    last.TrySetResult();
                }
            }));
        }

        await last.Task.WaitAsync(Limit);
        Assert.Equal(Enumerable.Range(0, 20), order);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task Items_with_different_keys_run_side_by_side_up_to_the_worker_limit()
    {
        using var lanes = await StartAsync(workers: 3, capacity: 100);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var running = 0;
        var most = 0;
        var threeStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var done = new CountdownEvent(5);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(lanes.TryEnqueue($"thread-{i}", async _ =>
            {
                InterlockedMax(ref most, Interlocked.Increment(ref running));
                if (Interlocked.Increment(ref started) == 3)
                {
                    threeStarted.TrySetResult();
                }

                await gate.Task;
                Interlocked.Decrement(ref running);
                done.Signal();
            }));
        }

        await threeStarted.Task.WaitAsync(Limit); // three lanes at once: one busy lane does not hold the others
        gate.TrySetResult();
        await WaitUntilAsync(() => done.IsSet, () => $"{done.CurrentCount} items not finished");
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task TryEnqueue_refuses_when_waiting_and_running_items_fill_the_capacity_and_takes_again_once_one_finishes()
    {
        using var lanes = await StartAsync(workers: 1, capacity: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new ConcurrentQueue<string>();
        Assert.True(lanes.TryEnqueue("a", async _ => { await gate.Task; ran.Enqueue("a"); }));
        Assert.True(lanes.TryEnqueue("b", _ => { ran.Enqueue("b"); return Task.CompletedTask; }));

        Assert.False(lanes.TryEnqueue("c", _ => { ran.Enqueue("c"); return Task.CompletedTask; }));
        Assert.Equal(2, lanes.Held);

        gate.TrySetResult();
        await WaitUntilAsync(() => lanes.Held == 0, () => $"{lanes.Held} items held");
        Assert.True(lanes.TryEnqueue("d", _ => { ran.Enqueue("d"); return Task.CompletedTask; }));
        await WaitUntilAsync(() => ran.Contains("d"), () => string.Join(",", ran));
        Assert.DoesNotContain("c", ran);
    }

    [Fact]
    public async Task EnqueueAsync_waits_for_room_and_is_refused_once_the_lanes_stop()
    {
        var lanes = await StartAsync(workers: 1, capacity: 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new ConcurrentQueue<string>();
        Assert.True(await lanes.EnqueueAsync("a", async _ => { await gate.Task; ran.Enqueue("a"); }, CancellationToken.None));

        var waiting = lanes.EnqueueAsync("b", _ => { ran.Enqueue("b"); return Task.CompletedTask; }, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        gate.TrySetResult();
        Assert.True(await waiting.WaitAsync(Limit));
        await WaitUntilAsync(() => ran.Count == 2, () => string.Join(",", ran));
        Assert.Equal(["a", "b"], ran);

        var blocker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await lanes.EnqueueAsync("c", _ => blocker.Task, CancellationToken.None));
        var refused = lanes.EnqueueAsync("d", _ => Task.CompletedTask, CancellationToken.None).AsTask();
        var stopping = lanes.StopAsync(CancellationToken.None);
        Assert.False(await refused.WaitAsync(Limit));
        blocker.TrySetResult();
        await stopping.WaitAsync(Limit);
        lanes.Dispose();
    }

    [Fact]
    public async Task A_failing_item_is_logged_and_the_items_after_it_still_run()
    {
        using var lanes = await StartAsync(workers: 1, capacity: 10);
        var after = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(lanes.TryEnqueue("thread-1", _ => throw new InvalidOperationException("the model fell over")));
        Assert.True(lanes.TryEnqueue("thread-2", async _ => { await Task.Yield(); throw new InvalidOperationException("so did the store"); }));
        Assert.True(lanes.TryEnqueue("thread-1", _ => { after.TrySetResult("ran"); return Task.CompletedTask; }));
        Assert.True(lanes.TryEnqueue("thread-2", _ => { other.TrySetResult(); return Task.CompletedTask; }));

        Assert.Equal("ran", await after.Task.WaitAsync(Limit));
        await other.Task.WaitAsync(Limit);
        await WaitUntilAsync(() => _logs.AllText.Contains("so did the store", StringComparison.Ordinal), () => _logs.AllText);
        Assert.Contains("the model fell over", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_execution_context_goes_with_the_item()
    {
        using var lanes = await StartAsync(workers: 2, capacity: 10);
        var local = new AsyncLocal<string>();
        using var activity = new System.Diagnostics.Activity("slack.event").Start();
        var seen = new TaskCompletionSource<(string?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        local.Value = "request-42";
        Assert.True(lanes.TryEnqueue("thread-1", async _ =>
        {
            await Task.Yield();
            seen.TrySetResult((local.Value, System.Diagnostics.Activity.Current?.Id));
        }));
        local.Value = "changed after";

        var (value, activityId) = await seen.Task.WaitAsync(Limit);
        Assert.Equal("request-42", value);
        Assert.Equal(activity.Id, activityId);
    }

    [Fact]
    public async Task Stopping_takes_nothing_new_and_finishes_the_waiting_and_running_items_in_order()
    {
        var lanes = await StartAsync(workers: 1, capacity: 10);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new ConcurrentQueue<string>();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(lanes.TryEnqueue("thread-1", async ct => { firstStarted.TrySetResult(); await gate.Task; ran.Enqueue(ct.IsCancellationRequested ? "1 cancelled" : "1"); }));
        Assert.True(lanes.TryEnqueue("thread-1", _ => { ran.Enqueue("2"); return Task.CompletedTask; }));
        Assert.True(lanes.TryEnqueue("thread-2", _ => { ran.Enqueue("3"); return Task.CompletedTask; }));
        await firstStarted.Task.WaitAsync(Limit);

        using var shutdown = new CancellationTokenSource(Limit);
        var stopping = lanes.StopAsync(shutdown.Token);
        Assert.False(lanes.TryEnqueue("thread-3", _ => { ran.Enqueue("late"); return Task.CompletedTask; }));
        Assert.False(stopping.IsCompleted);
        gate.TrySetResult();
        await stopping;

        Assert.Equal(0, lanes.Held);
        Assert.Equal(["1", "2", "3"], ran.Order(StringComparer.Ordinal));
        Assert.True(ran.ToList().IndexOf("1") < ran.ToList().IndexOf("2"), string.Join(",", ran));
        Assert.Contains("Shutting down: finishing 3", _logs.AllText, StringComparison.Ordinal);
        lanes.Dispose();
    }

    [Fact]
    public async Task At_the_shutdown_timeout_waiting_items_are_dropped_and_running_ones_cancelled_and_both_are_counted()
    {
        var lanes = await StartAsync(workers: 1, capacity: 10);
        var ran = new ConcurrentQueue<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(lanes.TryEnqueue("thread-1", async ct =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                cancelled.TrySetResult();
            }
        }));
        Assert.True(lanes.TryEnqueue("thread-1", _ => { ran.Enqueue("2"); return Task.CompletedTask; }));
        Assert.True(lanes.TryEnqueue("thread-2", _ => { ran.Enqueue("3"); return Task.CompletedTask; }));
        await started.Task.WaitAsync(Limit);

        using var shutdown = new CancellationTokenSource();
        var stopping = lanes.StopAsync(shutdown.Token);
        Assert.False(stopping.IsCompleted); // still draining: the running item holds the worker
        await shutdown.CancelAsync();        // the host's shutdown timeout
        await stopping.WaitAsync(Limit);

        await cancelled.Task.WaitAsync(Limit);
        await WaitUntilAsync(() => lanes.Held == 0, () => $"{lanes.Held} items held");
        Assert.Empty(ran);
        var line = _logs.Lines.Single(l => l.Contains("Shutdown timeout reached", StringComparison.Ordinal));
        Assert.Contains("Dropped=2", line, StringComparison.Ordinal);
        Assert.Contains("Running=1", line, StringComparison.Ordinal);
        lanes.Dispose();
    }

    [Fact]
    public async Task With_a_thread_limit_the_items_code_runs_on_one_thread_at_a_time_while_their_waits_overlap()
    {
        using var lanes = await StartAsync(workers: 4, capacity: 100, threads: 1);
        var inCode = 0;
        var most = 0;
        var waiting = 0;
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var done = new CountdownEvent(4);

        void Code()
        {
            InterlockedMax(ref most, Interlocked.Increment(ref inCode));
            Thread.Sleep(20); // CPU-bound work holding its thread
            Interlocked.Decrement(ref inCode);
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.True(lanes.TryEnqueue($"thread-{i}", async _ =>
            {
                Code();
                if (Interlocked.Increment(ref waiting) == 4)
                {
                    allWaiting.TrySetResult();
                }

                // An I/O wait holds no thread: all four items get here although one thread runs their code.
                await allWaiting.Task;
                Code();
                done.Signal();
            }));
        }

        await allWaiting.Task.WaitAsync(Limit);
        await WaitUntilAsync(() => done.IsSet, () => $"{done.CurrentCount} items not finished");
        Assert.Equal(1, most);
    }

    private async Task<OrderedWorkLanes> StartAsync(int workers, int capacity, int? threads = null)
    {
        var lanes = new OrderedWorkLanes("test", workers, capacity, _logs.CreateLogger(nameof(OrderedWorkLanesTests)), threads);
        await lanes.StartAsync(CancellationToken.None);
        return lanes;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var now && now != seen)
        {
            seen = now;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> whatWasSeen)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException(whatWasSeen());
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }
}
