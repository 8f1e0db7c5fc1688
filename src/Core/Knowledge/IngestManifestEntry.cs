namespace MspSupport.Core.Knowledge;

/// <summary>One file of the manifest: its SHA-256 and the chunks it became.</summary>
internal sealed record IngestManifestEntry(string Sha256, IReadOnlyList<string> ChunkIds);
