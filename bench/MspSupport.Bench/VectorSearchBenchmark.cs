using BenchmarkDotNet.Attributes;
using MspSupport.Core.Knowledge;

namespace MspSupport.Bench;

/// <summary>Exact cosine top-10 over 1024-dimension vectors (Titan v2 size), single thread.</summary>
[Config(typeof(LatencyConfig))]
public class VectorSearchBenchmark
{
    private const int Dimensions = 1024;
    private VectorIndex? _index;
    private float[][] _queries = [];
    private int _next;

    [Params(20_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _index = new VectorIndex(Dimensions, "bench", Rows);
        var vector = new float[Dimensions];
        for (var row = 0; row < Rows; row++)
        {
            Fill(random, vector);
            _index.Upsert($"c{row}", vector);
        }

        _queries = Enumerable.Range(0, 64).Select(_ =>
        {
            var query = new float[Dimensions];
            Fill(random, query);
            return query;
        }).ToArray();
    }

    [Benchmark]
    public int ExactTop10() => _index!.Search(_queries[_next++ % _queries.Length], 10).Count;

    [GlobalCleanup]
    public void Cleanup() => _index?.Dispose();

    private static void Fill(Random random, float[] vector)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }
}
