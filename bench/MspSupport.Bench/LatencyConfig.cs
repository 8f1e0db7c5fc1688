using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;

namespace MspSupport.Bench;

/// <summary>
/// One call per iteration and no outlier removal, so BenchmarkDotNet's percentiles are percentiles of
/// single-query latency rather than of averages over many calls. In-process, one launch and few iterations: the machine is small and shared.
/// </summary>
public sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithIterationCount(200)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            // A slow query is what p99 is about; removing outliers would hide exactly that.
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithId("Latency"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column());
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
