using BenchmarkDotNet.Attributes;
using MspSupport.Core.Knowledge;

namespace MspSupport.Bench;

/// <summary>BM25 query latency over 100,000 synthetic chunks in an on-disk Lucene index (the production layout).</summary>
[Config(typeof(LatencyConfig))]
public class LexicalSearchBenchmark
{
    private const int Chunks = 100_000;
    private string _folder = string.Empty;
    private LexicalIndex? _index;
    private string[] _queries = [];
    private int _next;

    [Params(SyntheticTextShape.ContentWords, SyntheticTextShape.StopwordHeavy)]
    public SyntheticTextShape Text { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("msp-bench-lucene-").FullName;
        _index = new LexicalIndex(new LexicalIndexSettings(), _folder);
        var text = new SyntheticText(1, Text);
        const int batch = 20_000;
        for (var start = 0; start < Chunks; start += batch)
        {
            _index.Write([], Enumerable.Range(start, batch).Select(i => new KnowledgeChunk(
                $"kb/{i / 4}.md#{i % 4}", $"kb/{i / 4}.md", text.Words(6), $"{i / 4} › {text.Words(3)}", i % 2 == 0 ? "network" : "email", ["tag" + (i % 10)], text.Words(150), i % 4)));
        }

        _queries = Enumerable.Range(0, 64).Select(_ => text.Words(3 + (_next++ % 6))).ToArray();
    }

    [Benchmark]
    public int Bm25Top10() => _index!.Search(_queries[_next++ % _queries.Length], null, 10).Count;

    [Benchmark]
    public int Bm25Top50WithCategoryFilter() => _index!.Search(_queries[_next++ % _queries.Length], new KnowledgeFilter { Category = "network" }, 50).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _index?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
