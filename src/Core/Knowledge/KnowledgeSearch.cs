using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Diagnostics;
using MspSupport.Core.Knowledge.Tiers;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// The one entry point for knowledge search: BM25 and, when an embedding model is configured, exact vector
/// search, fused by reciprocal rank, each passage with its citation.
/// </summary>
public sealed partial class KnowledgeSearch
{
    private readonly KnowledgeIndex _index;
    private readonly KnowledgeOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly ILogger _logger;
    private readonly TieredVectorSearch? _tiers;

    /// <param name="tiers">On AWS, dense search goes to the hot and cold tiers instead of the local vector file.</param>
    public KnowledgeSearch(
        KnowledgeIndex index,
        IOptions<KnowledgeOptions> options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        ILogger<KnowledgeSearch>? logger = null,
        TieredVectorSearch? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _options = options.Value;
        _embeddings = embeddings;
        _logger = logger ?? NullLogger<KnowledgeSearch>.Instance;
        _tiers = tiers;
    }

    public async Task<IReadOnlyList<KnowledgePassage>> SearchAsync(string query, KnowledgeFilter? filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        filter ??= KnowledgeFilter.None;
        using var activity = AssistantTelemetry.Source.StartActivity("knowledge.search");
        var candidates = Math.Max(_options.FusionCandidates, top);
        var lexical = _index.Lexical.Search(query, filter, candidates);
        var dense = await DenseAsync(query, filter, candidates, cancellationToken);
        activity?.SetTag("mspsupport.knowledge.lexical_hits", lexical.Count);
        activity?.SetTag("mspsupport.knowledge.dense_hits", dense.Ids.Count);

        var fused = ReciprocalRankFusion.Fuse([lexical.Select(hit => hit.Chunk.Id).ToArray(), dense.Ids]);
        var known = lexical.ToDictionary(hit => hit.Chunk.Id, hit => hit.Chunk, StringComparer.Ordinal);
        foreach (var chunk in dense.Chunks)
        {
            known.TryAdd(chunk.Id, chunk);
        }

        var chosen = fused.Take(top).ToArray();
        foreach (var chunk in _index.Lexical.Get(chosen.Select(result => result.Id).Where(id => !known.ContainsKey(id)).ToArray()))
        {
            known[chunk.Id] = chunk;
        }

        return chosen
            .Where(result => known.ContainsKey(result.Id))
            .Select(result => ToPassage(known[result.Id], result))
            .ToArray();
    }

    /// <returns>Dense ranking as ids, and the chunks themselves when the source carries them (the AWS tiers do).</returns>
    private async Task<(IReadOnlyList<string> Ids, IReadOnlyList<KnowledgeChunk> Chunks)> DenseAsync(string query, KnowledgeFilter filter, int candidates, CancellationToken cancellationToken)
    {
        var local = _index.Vectors is { Count: > 0 } ? _index.Vectors : null;
        if (_embeddings is null || (local is null && _tiers is null) || string.IsNullOrWhiteSpace(query))
        {
            return ([], []);
        }

        try
        {
            var embedding = await _embeddings.GenerateVectorAsync(query, cancellationToken: cancellationToken);
            if (_tiers is not null)
            {
                var hits = await _tiers.SearchAsync(embedding, filter, candidates, cancellationToken);
                return (hits.Select(hit => hit.Chunk.Id).ToArray(), hits.Select(hit => hit.Chunk).ToArray());
            }

            if (embedding.Length != local!.Dimensions)
            {
                LogDimensionMismatch(embedding.Length, local.Dimensions);
                return ([], []);
            }

            var allowed = filter.IsEmpty ? null : _index.Lexical.IdsMatching(filter);
            return (local.Search(embedding.Span, candidates, allowed is null ? null : allowed.Contains).Select(hit => hit.Id).ToArray(), []);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A model outage must not take search down: BM25 alone still answers.
            LogDenseFailed(exception);
            return ([], []);
        }
    }

    private KnowledgePassage ToPassage(KnowledgeChunk chunk, FusedResult result) => new(
        chunk.Id,
        chunk.Text,
        result.Score,
        new Citation(chunk.Title, chunk.SectionPath, chunk.SourcePath, Link(chunk)),
        chunk.Category,
        chunk.Tags,
        result.Ranks[0],
        result.Ranks[1]);

    private string Link(KnowledgeChunk chunk)
    {
        if (string.IsNullOrWhiteSpace(_options.SourceBaseUrl))
        {
            return chunk.SourcePath;
        }

        var path = string.Join('/', chunk.SourcePath.Split('/').Select(Uri.EscapeDataString));
        return $"{_options.SourceBaseUrl.TrimEnd('/')}/{path}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dense knowledge search failed; answering from BM25 only")]
    private partial void LogDenseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The query embedding has {Actual} dimensions but the vector index holds {Expected}; re-run ingestion after changing the model")]
    private partial void LogDimensionMismatch(int actual, int expected);
}
