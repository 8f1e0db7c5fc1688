using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MspSupport.Testing.Telemetry;

/// <summary>
/// The spans a host exported, through OpenTelemetry's in-memory exporter added to the host's own tracer provider
/// (so the host's real source list and instrumentation decide what is recorded). Turn the host's pipeline on with
/// <c>Telemetry:Enabled=true</c> and call <see cref="AddTo"/> in <c>ConfigureTestServices</c>. Listeners are
/// process-wide, so spans of other hosts running in parallel arrive too: send a <c>traceparent</c> and filter by its trace id.
/// </summary>
public sealed class CapturedSpans
{
    private readonly Sink _exported = new();

    public void AddTo(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported));

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_exported.Gate)
        {
            return [.. _exported];
        }
    }

    /// <summary>Waits (bounded) until a span matching <paramref name="match"/> has ended and been exported.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Snapshot().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No such span was exported. Exported: " + string.Join(", ", Snapshot().Select(a => $"{a.Source.Name}/{a.DisplayName}")));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The exporter writes from whichever thread ends a span; the list is read under the same lock.</summary>
    private sealed class Sink : System.Collections.ObjectModel.Collection<Activity>
    {
        public object Gate { get; } = new();

        protected override void InsertItem(int index, Activity item)
        {
            lock (Gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
