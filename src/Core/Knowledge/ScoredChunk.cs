namespace MspSupport.Core.Knowledge;

/// <summary>A chunk with the score one ranker gave it.</summary>
public sealed record ScoredChunk(KnowledgeChunk Chunk, float Score);
