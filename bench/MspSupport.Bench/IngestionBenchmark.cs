using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;

namespace MspSupport.Bench;

/// <summary>
/// A first ingest of 500 Markdown articles (front matter, three sections each, 2,000 chunks or so) into a fresh
/// on-disk index without embeddings: read, hash, parse, chunk, index, commit, write the manifest.
/// Throughput in chunks per second is the chunk count over the mean time.
/// </summary>
[Config(typeof(Config))]
public class IngestionBenchmark
{
    private const int Articles = 500;
    private string _source = string.Empty;
    private string _index = string.Empty;

    public int ChunkCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = Directory.CreateTempSubdirectory("msp-bench-kb-").FullName;
        var text = new SyntheticText(9);
        for (var i = 0; i < Articles; i++)
        {
            var body = $"---\ntitle: {text.Words(5)}\ncategory: network\ntags: [vpn, t{i % 7}]\n---\n# Overview\n\n{text.Words(120)}\n\n## Steps\n\n{text.Words(250)}\n\n## If it still fails\n\n{text.Words(100)}\n";
            File.WriteAllText(Path.Combine(_source, $"article-{i:0000}.md"), body);
        }
    }

    [IterationSetup]
    public void FreshIndex() => _index = Directory.CreateTempSubdirectory("msp-bench-index-").FullName;

    [Benchmark]
    public async Task<int> IngestFolder()
    {
        var options = new KnowledgeOptions { IndexPath = _index };
        using var index = new KnowledgeIndex(_index, LexicalIndexSettings.From(options));
        var summary = await new KnowledgeIngestor(index, Options.Create(options)).IngestAsync(_source);
        ChunkCount = summary.ChunksWritten;
        return summary.ChunksWritten;
    }

    [IterationCleanup]
    public void DropIndex()
    {
        Console.WriteLine($"// chunks per ingest: {ChunkCount}");
        Directory.Delete(_index, recursive: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_source, recursive: true);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8).WithId("Ingest"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column());
        }
    }
}
