using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;

namespace MspSupport.Eval;

/// <summary>
/// Runs every configuration over one BEIR data set and prints a Markdown table of nDCG@10, Recall@10,
/// Recall@100 and MRR@10. The production rows go through the real pipeline: the corpus is written out as
/// Markdown articles, ingested by <see cref="KnowledgeIngestor"/> and searched with <see cref="KnowledgeSearch"/>.
/// </summary>
public sealed class Evaluation(BeirDataset dataset, IEmbeddingGenerator<string, Embedding<float>>? embeddings, string? embeddingName)
{
    private const int Depth = 100;

    // Passages fetched per query before collapsing to documents; a document may have several chunks.
    private const int PassageDepth = 300;

    private string _articles = string.Empty;

    public async Task<IReadOnlyList<(string Name, MetricSet Metrics)>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(string, MetricSet)>();
        Console.Error.WriteLine($"{dataset.Corpus.Count} documents, {dataset.Queries.Count} queries, {dataset.Qrels.Count} judged");

        using (var reference = Timed("reference BM25 index", () => new ReferenceBm25(dataset.Corpus)))
        {
            rows.Add(("BM25 reference (one field, k1 0.9, b 0.4)", Score(query => reference.Search(query, Depth))));
        }

        using var articles = new ScratchFolder();
        var sources = WriteArticles(articles.Path);

        // Ablations, to see where a gain over the reference comes from: fields without chunking, then fields and chunks without boosts.
        var whole = new KnowledgeOptions { TitleBoost = 1, SectionBoost = 1, FusionCandidates = PassageDepth, ChunkChars = 1_000_000, ChunkOverlapChars = 0 };
        rows.Add(("BM25 title/section/body fields, whole documents, no boosts", await LexicalAsync(whole, sources, cancellationToken)));

        var unboosted = new KnowledgeOptions { TitleBoost = 1, SectionBoost = 1, FusionCandidates = PassageDepth };
        rows.Add(("BM25 chunked, title/section/body fields, no boosts", await LexicalAsync(unboosted, sources, cancellationToken)));

        var production = new KnowledgeOptions { FusionCandidates = PassageDepth };
        rows.Add(($"BM25 production (chunked, title ×{production.TitleBoost}, section ×{production.SectionBoost})", await LexicalAsync(production, sources, cancellationToken)));

        if (embeddings is not null)
        {
            rows.AddRange(await DenseAndHybridAsync(production, sources, cancellationToken));
        }

        return rows;
    }

    public static string Table(IReadOnlyList<(string Name, MetricSet Metrics)> rows)
    {
        var lines = new List<string>
        {
            "| configuration | nDCG@10 | Recall@10 | Recall@100 | MRR@10 |",
            "| --- | --- | --- | --- | --- |",
        };
        lines.AddRange(rows.Select(row => string.Create(
            CultureInfo.InvariantCulture,
            $"| {row.Name} | {row.Metrics.Ndcg10:0.0000} | {row.Metrics.Recall10:0.0000} | {row.Metrics.Recall100:0.0000} | {row.Metrics.Mrr10:0.0000} |")));
        return string.Join(Environment.NewLine, lines);
    }

    private async Task<MetricSet> LexicalAsync(KnowledgeOptions options, Dictionary<string, string> sources, CancellationToken cancellationToken)
    {
        using var indexFolder = new ScratchFolder();
        options.IndexPath = indexFolder.Path;
        using var index = new KnowledgeIndex(options.IndexPath, LexicalIndexSettings.From(options));
        await IngestAsync(index, options, null, sources.Count, cancellationToken);
        var search = new KnowledgeSearch(index, Options.Create(options));
        return await ScoreAsync(async query => Documents(await search.SearchAsync(query, null, PassageDepth, cancellationToken), sources));
    }

    private async Task<IEnumerable<(string, MetricSet)>> DenseAndHybridAsync(KnowledgeOptions options, Dictionary<string, string> sources, CancellationToken cancellationToken)
    {
        using var indexFolder = new ScratchFolder();
        options.IndexPath = indexFolder.Path;
        using var index = new KnowledgeIndex(options.IndexPath, LexicalIndexSettings.From(options));
        await IngestAsync(index, options, embeddings, sources.Count, cancellationToken);
        var vectors = index.Vectors ?? throw new InvalidOperationException("Ingestion produced no vectors; check the embedding settings.");

        var queryVectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        var progress = new ProgressBar("embedding queries");
        foreach (var (id, text) in dataset.Queries.Where(q => dataset.Qrels.ContainsKey(q.Key)))
        {
            queryVectors[id] = await embeddings!.GenerateVectorAsync(text, cancellationToken: cancellationToken);
            progress.Report((queryVectors.Count, dataset.Qrels.Count));
        }

        var byText = dataset.Qrels.Keys.GroupBy(id => dataset.Queries[id], StringComparer.Ordinal).ToDictionary(g => g.Key, g => queryVectors[g.First()], StringComparer.Ordinal);
        var dense = Score(query => DocumentsFromIds(vectors.Search(byText[query].Span, PassageDepth).Select(hit => hit.Id), sources));
        var search = new KnowledgeSearch(index, Options.Create(options), new CachedQueryEmbeddings(embeddings!, byText));
        var hybrid = await ScoreAsync(async query => Documents(await search.SearchAsync(query, null, PassageDepth, cancellationToken), sources));
        return [($"Dense ({embeddingName}, exact cosine)", dense), ($"Hybrid RRF k=60 (production BM25 + dense)", hybrid)];
    }


    private async Task IngestAsync(KnowledgeIndex index, KnowledgeOptions options, IEmbeddingGenerator<string, Embedding<float>>? generator, int total, CancellationToken cancellationToken)
    {
        var bar = new ProgressBar("indexing");
        var ingestor = new KnowledgeIngestor(index, Options.Create(options), generator);
        var summary = await ingestor.IngestAsync(_articles, new SynchronousProgress(p => bar.Report((p.FilesDone, total))), cancellationToken);
        Console.Error.WriteLine($"indexed {summary.FilesIngested} articles into {summary.ChunksInIndex} chunks in {summary.Elapsed.TotalSeconds:0.0} s");
    }

    private Dictionary<string, string> WriteArticles(string folder)
    {
        _articles = folder;
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < dataset.Corpus.Count; i++)
        {
            var document = dataset.Corpus[i];
            var name = $"doc{i:00000}.md";
            var title = document.Title.ReplaceLineEndings(" ").Trim();
            File.WriteAllText(Path.Combine(folder, name), $"---\ntitle: \"{title}\"\n---\n{document.Text}\n");
            sources[name] = document.Id;
        }

        return sources;
    }

    private MetricSet Score(Func<string, IReadOnlyList<string>> search)
    {
        var runs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var queryId in dataset.Qrels.Keys)
        {
            runs[queryId] = search(dataset.Queries[queryId]);
        }

        return MetricSet.Compute(runs, dataset.Qrels);
    }

    private async Task<MetricSet> ScoreAsync(Func<string, Task<IReadOnlyList<string>>> search)
    {
        var runs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var queryId in dataset.Qrels.Keys)
        {
            runs[queryId] = await search(dataset.Queries[queryId]);
        }

        return MetricSet.Compute(runs, dataset.Qrels);
    }

    /// <summary>Collapses passages to documents: a document ranks where its best chunk ranks.</summary>
    private static string[] Documents(IEnumerable<KnowledgePassage> passages, Dictionary<string, string> sources) =>
        DocumentsFromIds(passages.Select(p => p.ChunkId), sources);

    private static string[] DocumentsFromIds(IEnumerable<string> chunkIds, Dictionary<string, string> sources) =>
        chunkIds.Select(id => sources[id[..id.LastIndexOf('#')]]).Distinct(StringComparer.Ordinal).Take(Depth).ToArray();

    private static T Timed<T>(string what, Func<T> build)
    {
        var clock = Stopwatch.StartNew();
        var result = build();
        Console.Error.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }
}
