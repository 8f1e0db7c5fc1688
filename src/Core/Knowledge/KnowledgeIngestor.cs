using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge.Tiers;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// Brings the index in line with a folder of articles. Incremental: a file whose SHA-256 matches the manifest
/// is not read again, chunked or embedded; a file gone from the folder leaves the index; a bad file is
/// reported by name and skipped while the rest goes in.
/// </summary>
public sealed partial class KnowledgeIngestor
{
    // Bounds the memory a large first ingest holds before handing chunks to Lucene.
    private const int ChunksPerCommit = 5000;

    private readonly KnowledgeIndex _index;
    private readonly KnowledgeOptions _options;
    private readonly MarkdownChunker _chunker;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly ILogger _logger;
    private readonly OpenSearchHotTier? _hot;

    /// <param name="hot">On AWS, changed chunks and their vectors are also published to the OpenSearch hot tier.</param>
    public KnowledgeIngestor(
        KnowledgeIndex index,
        IOptions<KnowledgeOptions> options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        ILogger<KnowledgeIngestor>? logger = null,
        OpenSearchHotTier? hot = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _options = options.Value;
        _chunker = new MarkdownChunker(_options.ChunkChars, _options.ChunkOverlapChars);
        _embeddings = embeddings;
        _logger = logger ?? NullLogger<KnowledgeIngestor>.Instance;
        _hot = embeddings is null ? null : hot;
    }

    public async Task<IngestSummary> IngestAsync(string folder, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The knowledge folder {folder} does not exist.");
        }

        await _index.IngestGate.WaitAsync(cancellationToken);
        try
        {
            return await IngestLockedAsync(folder, progress, cancellationToken);
        }
        finally
        {
            _index.IngestGate.Release();
        }
    }

    private async Task<IngestSummary> IngestLockedAsync(string folder, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var root = Path.GetFullPath(folder);
        var files = ArticleFiles(root);
        var modelId = EmbeddingModelId();
        var fingerprint = $"chunks={_options.ChunkChars}/{_options.ChunkOverlapChars};embeddings={modelId ?? "none"}";
        var previous = _index.LoadManifest(fingerprint);
        // Other chunk sizes or another model make every stored chunk and vector stale.
        var rebuild = previous.Fingerprint != fingerprint;

        var run = new Run(IngestManifest.Empty(fingerprint));
        if (_hot is not null)
        {
            await _hot.EnsureIndexAsync(cancellationToken);
        }

        foreach (var removed in previous.Files.Keys.Except(files.Select(f => f.Source), StringComparer.Ordinal))
        {
            run.Remove(removed, previous.Files[removed]);
            run.FilesRemoved++;
        }

        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (source, fullPath) = files[i];
            previous.Files.TryGetValue(source, out var before);
            await IngestFileAsync(run, source, fullPath, rebuild ? null : before, before, cancellationToken);
            if (run.PendingChunks >= ChunksPerCommit)
            {
                await CommitAsync(run, cancellationToken);
            }

            progress?.Report(new IngestProgress(i + 1, files.Count, source, run.ChunksWritten));
        }

        await CommitAsync(run, cancellationToken);
        _index.SaveVectors();
        _index.SaveManifest(run.Manifest);
        var summary = new IngestSummary(
            files.Count, run.FilesIngested, run.FilesUnchanged, run.FilesRemoved, run.ChunksWritten, run.ChunksEmbedded,
            _index.Lexical.Count, run.Skipped, run.Errors, clock.Elapsed);
        LogIngested(summary.FilesSeen, summary.FilesIngested, summary.FilesUnchanged, summary.FilesRemoved, summary.Skipped.Count, summary.Errors.Count);
        return summary;
    }

    private async Task IngestFileAsync(Run run, string source, string fullPath, IngestManifestEntry? unchangedCandidate, IngestManifestEntry? before, CancellationToken cancellationToken)
    {
        var length = new FileInfo(fullPath).Length;
        if (length > _options.MaxFileBytes)
        {
            Skip(run, source, before, $"larger than the {_options.MaxFileBytes / (1024 * 1024.0):0.#} MB limit (Knowledge:MaxFileBytes)");
            return;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken);
        }
        catch (IOException exception)
        {
            Skip(run, source, before, $"cannot be read: {exception.Message}");
            return;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (unchangedCandidate is not null && unchangedCandidate.Sha256 == hash)
        {
            run.Manifest.Files[source] = unchangedCandidate;
            run.FilesUnchanged++;
            return;
        }

        var read = ArticleReader.Read(source, bytes);
        if (read.Article is null)
        {
            Skip(run, source, before, read.SkipReason ?? "unreadable");
            return;
        }

        var chunks = _chunker.Chunk(read.Article);
        if (!await EmbedAsync(run, source, chunks, cancellationToken))
        {
            if (before is not null)
            {
                run.Manifest.Files[source] = before with { Sha256 = "retry" };
            }

            return;
        }

        if (before is not null)
        {
            run.Remove(source, before);
        }

        run.Add(chunks);
        run.Manifest.Files[source] = new IngestManifestEntry(hash, chunks.Select(chunk => chunk.Id).ToArray());
        run.FilesIngested++;
    }

    private async Task<bool> EmbedAsync(Run run, string source, IReadOnlyList<KnowledgeChunk> chunks, CancellationToken cancellationToken)
    {
        if (_embeddings is null || chunks.Count == 0)
        {
            return true;
        }

        try
        {
            var embeddings = await _embeddings.GenerateAsync(chunks.Select(chunk => chunk.EmbeddingText), cancellationToken: cancellationToken);
            if (embeddings.Count != chunks.Count)
            {
                throw new InvalidOperationException($"the model returned {embeddings.Count} vectors for {chunks.Count} chunks");
            }

            var vectors = _index.Vectors is { } existing && existing.Dimensions == embeddings[0].Vector.Length && existing.ModelId == EmbeddingModelId()
                ? existing
                : _index.ReplaceVectors(embeddings[0].Vector.Length, EmbeddingModelId() ?? "unknown");
            run.Vectors.Add((chunks, embeddings, vectors));
            run.ChunksEmbedded += chunks.Count;
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            run.Errors.Add($"{source}: embedding failed ({exception.Message})");
            LogEmbeddingFailed(source, exception);
            return false;
        }
    }

    private void Skip(Run run, string source, IngestManifestEntry? before, string reason)
    {
        run.Skipped.Add(new SkippedFile(source, reason));
        LogSkipped(source, reason);
        if (before is not null)
        {
            run.Remove(source, before);
        }
    }

    private async Task CommitAsync(Run run, CancellationToken cancellationToken)
    {
        _index.Lexical.Write(run.RemovedSources, run.Added);
        var vectors = _index.Vectors;
        vectors?.Remove(run.RemovedChunkIds);
        foreach (var (chunks, embeddings, target) in run.Vectors)
        {
            for (var i = 0; i < chunks.Count; i++)
            {
                target.Upsert(chunks[i].Id, embeddings[i].Vector.Span);
            }
        }

        await PublishHotAsync(run, cancellationToken);
        run.ChunksWritten += run.Added.Count;
        run.RemovedSources.Clear();
        run.RemovedChunkIds.Clear();
        run.Added.Clear();
        run.Vectors.Clear();
    }

    private async Task PublishHotAsync(Run run, CancellationToken cancellationToken)
    {
        if (_hot is null || (run.RemovedSources.Count == 0 && run.Vectors.Count == 0))
        {
            return;
        }

        try
        {
            await _hot.RemoveSourcesAsync(run.RemovedSources, cancellationToken);
            await _hot.IndexAsync(
                run.Vectors.SelectMany(batch => batch.Chunks.Select((chunk, i) => (chunk, batch.Embeddings[i].Vector))),
                cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // The local index is already up to date; the hot tier catches up on a rebuild.
            run.Errors.Add($"hot tier: publishing failed ({exception.Message})");
            LogHotFailed(exception);
        }
    }

    private string? EmbeddingModelId()
    {
        if (_embeddings is null)
        {
            return null;
        }

        var metadata = _embeddings.GetService<EmbeddingGeneratorMetadata>();
        return $"{metadata?.ProviderName ?? _embeddings.GetType().Name}:{metadata?.DefaultModelId ?? "default"}";
    }

    private static List<(string Source, string FullPath)> ArticleFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(ArticleReader.IsArticleFile)
            .Select(path => (Source: Path.GetRelativePath(root, path).Replace('\\', '/'), FullPath: path))
            .Where(file => !file.Source.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(file => file.Source, StringComparer.Ordinal)
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge file {Source} skipped: {Reason}")]
    private partial void LogSkipped(string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding failed for knowledge file {Source}; it is retried on the next run")]
    private partial void LogEmbeddingFailed(string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing to the OpenSearch hot tier failed")]
    private partial void LogHotFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge ingested: {Files} files, {Ingested} new or changed, {Unchanged} unchanged, {Removed} removed, {Skipped} skipped, {Errors} errors")]
    private partial void LogIngested(int files, int ingested, int unchanged, int removed, int skipped, int errors);

    /// <summary>The state of one ingestion run: what is pending for the next commit and what to report.</summary>
    private sealed class Run(IngestManifest manifest)
    {
        public IngestManifest Manifest { get; } = manifest;

        public List<string> RemovedSources { get; } = [];

        public List<string> RemovedChunkIds { get; } = [];

        public List<KnowledgeChunk> Added { get; } = [];

        public List<(IReadOnlyList<KnowledgeChunk> Chunks, GeneratedEmbeddings<Embedding<float>> Embeddings, VectorIndex Target)> Vectors { get; } = [];

        public List<SkippedFile> Skipped { get; } = [];

        public List<string> Errors { get; } = [];

        public int FilesIngested { get; set; }

        public int FilesUnchanged { get; set; }

        public int FilesRemoved { get; set; }

        public int ChunksWritten { get; set; }

        public int ChunksEmbedded { get; set; }

        public int PendingChunks => Added.Count;

        public void Remove(string source, IngestManifestEntry entry)
        {
            RemovedSources.Add(source);
            RemovedChunkIds.AddRange(entry.ChunkIds);
        }

        public void Add(IReadOnlyList<KnowledgeChunk> chunks) => Added.AddRange(chunks);
    }
}
