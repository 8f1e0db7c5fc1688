using System.Text.Json;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// The on-disk knowledge index in one folder: the Lucene index (<c>lucene/</c>), the vectors
/// (<c>vectors.bin</c>, loaded once) and the ingestion manifest (<c>manifest.json</c>).
/// Shared by ingestion (writes) and search (reads).
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private readonly string _vectorsPath;
    private readonly string _manifestPath;
    private readonly Lazy<VectorIndex?> _loadedVectors;
    private VectorIndex? _replacedVectors;

    public KnowledgeIndex(string folder, LexicalIndexSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        System.IO.Directory.CreateDirectory(Path.Combine(Folder, "lucene"));
        Lexical = new LexicalIndex(settings, Path.Combine(Folder, "lucene"));
        _vectorsPath = Path.Combine(Folder, "vectors.bin");
        _manifestPath = Path.Combine(Folder, "manifest.json");
        _loadedVectors = new Lazy<VectorIndex?>(() => VectorIndex.Load(_vectorsPath));
    }

    public string Folder { get; }

    /// <summary>Held by an ingestion run: two runs in one process would contend for Lucene's write lock and the manifest.</summary>
    internal SemaphoreSlim IngestGate { get; } = new(1, 1);

    public LexicalIndex Lexical { get; }

    /// <summary>The vectors, or null while nothing has been embedded.</summary>
    public VectorIndex? Vectors => _replacedVectors ?? _loadedVectors.Value;

    /// <summary>Starts a fresh vector index, e.g. when the embedding model changed.</summary>
    public VectorIndex ReplaceVectors(int dimensions, string modelId)
    {
        var old = Vectors;
        _replacedVectors = new VectorIndex(dimensions, modelId);
        old?.Dispose();
        return _replacedVectors;
    }

    public void SaveVectors() => Vectors?.Save(_vectorsPath);

    internal IngestManifest LoadManifest(string fingerprint)
    {
        if (!File.Exists(_manifestPath))
        {
            return IngestManifest.Empty(fingerprint);
        }

        using var stream = File.OpenRead(_manifestPath);
        var manifest = JsonSerializer.Deserialize(stream, KnowledgeJsonContext.Default.IngestManifest);
        return manifest is null
            ? IngestManifest.Empty(fingerprint)
            : manifest with { Files = new Dictionary<string, IngestManifestEntry>(manifest.Files, StringComparer.Ordinal) };
    }

    internal void SaveManifest(IngestManifest manifest)
    {
        var temporary = _manifestPath + ".tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, manifest, KnowledgeJsonContext.Default.IngestManifest);
        }

        File.Move(temporary, _manifestPath, overwrite: true);
    }

    public void Dispose()
    {
        IngestGate.Dispose();
        Lexical.Dispose();
        Vectors?.Dispose();
    }
}
