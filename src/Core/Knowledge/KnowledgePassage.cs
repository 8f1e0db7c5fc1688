namespace MspSupport.Core.Knowledge;

/// <summary>One search result: the passage, its fused score and where it comes from.</summary>
/// <param name="LexicalRank">1-based rank in the BM25 list, or null when BM25 did not return it.</param>
/// <param name="DenseRank">1-based rank in the vector list, or null when dense search did not return it (or is off).</param>
public sealed record KnowledgePassage(
    string ChunkId,
    string Text,
    double Score,
    Citation Citation,
    string? Category,
    IReadOnlyList<string> Tags,
    int? LexicalRank,
    int? DenseRank);
