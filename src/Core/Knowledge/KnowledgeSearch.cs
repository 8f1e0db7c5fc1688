using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    public KnowledgeSearch(
        KnowledgeIndex index,
        IOptions<KnowledgeOptions> options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        ILogger<KnowledgeSearch>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _options = options.Value;
        _embeddings = embeddings;
        _logger = logger ?? NullLogger<KnowledgeSearch>.Instance;
    }

    public async Task<IReadOnlyList<KnowledgePassage>> SearchAsync(string query, KnowledgeFilter? filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        filter ??= KnowledgeFilter.None;
        var candidates = Math.Max(_options.FusionCandidates, top);
        var lexical = _index.Lexical.Search(query, filter, candidates);
        var dense = await DenseAsync(query, filter, candidates, cancellationToken);

        var fused = ReciprocalRankFusion.Fuse([lexical.Select(hit => hit.Chunk.Id).ToArray(), dense.Select(hit => hit.Id).ToArray()]);
        var known = lexical.ToDictionary(hit => hit.Chunk.Id, hit => hit.Chunk, StringComparer.Ordinal);
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

    private async Task<IReadOnlyList<VectorHit>> DenseAsync(string query, KnowledgeFilter filter, int candidates, CancellationToken cancellationToken)
    {
        if (_embeddings is null || _index.Vectors is not { Count: > 0 } vectors || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        try
        {
            var embedding = await _embeddings.GenerateVectorAsync(query, cancellationToken: cancellationToken);
            if (embedding.Length != vectors.Dimensions)
            {
                LogDimensionMismatch(embedding.Length, vectors.Dimensions);
                return [];
            }

            var allowed = filter.IsEmpty ? null : _index.Lexical.IdsMatching(filter);
            return vectors.Search(embedding.Span, candidates, allowed is null ? null : allowed.Contains);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A model outage must not take search down: BM25 alone still answers.
            LogDenseFailed(exception);
            return [];
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
