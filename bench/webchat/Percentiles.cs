using System.Globalization;

namespace MspSupport.WebChat.Bench;

/// <summary>Nearest-rank percentiles of a sample, printed in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"n={sorted.Count} median={Of(sorted, 50):0.00} p90={Of(sorted, 90):0.00} p99={Of(sorted, 99):0.00} max={sorted[^1]:0.00} (ms)");
    }
}
