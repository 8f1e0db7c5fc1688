namespace MspSupport.Core.Knowledge;

/// <summary>Reported after each file: how far ingestion is.</summary>
public sealed record IngestProgress(int FilesDone, int FilesTotal, string CurrentFile, int ChunksWritten);
