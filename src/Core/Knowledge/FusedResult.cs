namespace MspSupport.Core.Knowledge;

/// <summary>An id after fusion: its summed reciprocal-rank score and its 1-based rank in each input list (null where absent).</summary>
public sealed record FusedResult(string Id, double Score, IReadOnlyList<int?> Ranks);
