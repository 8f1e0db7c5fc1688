namespace MspSupport.Core.Knowledge;

/// <summary>A file ingestion left out, and why (empty, binary, not UTF-8, too large).</summary>
public sealed record SkippedFile(string SourcePath, string Reason);
