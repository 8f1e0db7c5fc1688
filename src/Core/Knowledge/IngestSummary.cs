namespace MspSupport.Core.Knowledge;

/// <summary>What one ingestion run did.</summary>
/// <param name="FilesSeen">Article files found (Markdown, HTML, text), bad ones included.</param>
/// <param name="FilesIngested">New or changed files chunked and written.</param>
/// <param name="FilesUnchanged">Files whose content hash matched the manifest; not re-chunked or re-embedded.</param>
/// <param name="FilesRemoved">Files gone from the folder whose chunks left the index.</param>
/// <param name="ChunksWritten">Chunks written in this run.</param>
/// <param name="ChunksEmbedded">Chunks sent to the embedding model in this run.</param>
/// <param name="ChunksInIndex">Chunks in the index after the run.</param>
/// <param name="Errors">Files that failed for another reason (e.g. the embedding model), by name; retried next run.</param>
public sealed record IngestSummary(
    int FilesSeen,
    int FilesIngested,
    int FilesUnchanged,
    int FilesRemoved,
    int ChunksWritten,
    int ChunksEmbedded,
    int ChunksInIndex,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<string> Errors,
    TimeSpan Elapsed);
