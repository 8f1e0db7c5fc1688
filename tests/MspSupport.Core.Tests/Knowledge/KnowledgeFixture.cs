using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Tests.Knowledge;

/// <summary>A knowledge folder and an index folder in temp space, with the ingestor and search over them.</summary>
public sealed class KnowledgeFixture : IDisposable
{
    private readonly TempFolder _indexFolder = new();
    private KnowledgeIndex? _index;

    public KnowledgeFixture(CountingEmbeddingGenerator? embeddings = null, Action<KnowledgeOptions>? configure = null)
    {
        Options = new KnowledgeOptions { IndexPath = _indexFolder.Path };
        configure?.Invoke(Options);
        Embeddings = embeddings;
    }

    public TempFolder Source { get; } = new();

    public KnowledgeOptions Options { get; }

    public CountingEmbeddingGenerator? Embeddings { get; }

    public KnowledgeIndex Index => _index ??= new KnowledgeIndex(Options.IndexPath, LexicalIndexSettings.From(Options));

    public KnowledgeSearch Search => new(Index, Microsoft.Extensions.Options.Options.Create(Options), Embeddings);

    public Task<IngestSummary> IngestAsync(IProgress<IngestProgress>? progress = null) =>
        new KnowledgeIngestor(Index, Microsoft.Extensions.Options.Options.Create(Options), Embeddings).IngestAsync(Source.Path, progress, CancellationToken.None);

    /// <summary>Closes the index and opens it again from disk, as a restarted process would.</summary>
    public void Reopen()
    {
        _index?.Dispose();
        _index = null;
    }

    public void Dispose()
    {
        _index?.Dispose();
        Source.Dispose();
        _indexFolder.Dispose();
    }
}
