using System.Diagnostics;
using System.Globalization;

namespace MspSupport.Bench;

/// <summary>
/// <c>-- cputime</c>: runs the search benchmarks' own set-up and queries outside BenchmarkDotNet, timing each query
/// by wall clock and by thread CPU time, and prints median, P95 and P99 of both. Complements the BenchmarkDotNet
/// figures on a shared machine, where wall-clock tails mostly measure waiting for a core.
/// </summary>
public static class CpuTimeProbe
{
    private const int Warmup = 10;
    private const int Queries = 200;

    public static void Run()
    {
        Console.WriteLine("| benchmark | wall median | wall P99 | CPU median | CPU P95 | CPU P99 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var rows in new[] { 20_000, 100_000 })
        {
            var vectors = new VectorSearchBenchmark { Rows = rows };
            vectors.Setup();
            Report($"exact vector top-10, {rows:N0} × 1,024", () => vectors.ExactTop10());
            vectors.Cleanup();
        }

        foreach (var shape in new[] { SyntheticTextShape.ContentWords, SyntheticTextShape.StopwordHeavy })
        {
            var lexical = new LexicalSearchBenchmark { Text = shape };
            lexical.Setup();
            Report($"BM25 top-10, 100,000 chunks, {shape}", () => lexical.Bm25Top10());
            Report($"BM25 top-50 + category filter, {shape}", () => lexical.Bm25Top50WithCategoryFilter());
            lexical.Cleanup();
        }
    }

    private static void Report(string name, Func<int> query)
    {
        for (var i = 0; i < Warmup; i++)
        {
            query();
        }

        var wall = new double[Queries];
        var cpu = new double[Queries];
        for (var i = 0; i < Queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var cpuStarted = ThreadCpuClock.Nanoseconds();
            query();
            cpu[i] = (ThreadCpuClock.Nanoseconds() - cpuStarted) / 1e6;
            wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(wall, 50):0.00} ms | {Percentile(wall, 99):0.00} ms | {Percentile(cpu, 50):0.00} ms | {Percentile(cpu, 95):0.00} ms | {Percentile(cpu, 99):0.00} ms |"));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
