namespace MspSupport.Core.Knowledge;

/// <summary>
/// What the index holds, per file: the content hash it was built from and the chunk ids it produced.
/// Written last in a run, so after a crash the next run simply redoes the files it did not record.
/// </summary>
/// <param name="Fingerprint">Chunking and embedding settings; when they change every file is rebuilt.</param>
internal sealed record IngestManifest(string Fingerprint, Dictionary<string, IngestManifestEntry> Files)
{
    public static IngestManifest Empty(string fingerprint) => new(fingerprint, new Dictionary<string, IngestManifestEntry>(StringComparer.Ordinal));
}
