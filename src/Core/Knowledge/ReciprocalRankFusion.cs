namespace MspSupport.Core.Knowledge;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): score(d) = Σ 1 / (k + rank(d)).
/// It needs only ranks, so BM25 scores and cosines, which live on different scales, fuse without calibration.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    /// <param name="rankings">Each list best first; an id repeated within one list counts at its first rank.</param>
    public static IReadOnlyList<FusedResult> Fuse(IReadOnlyList<IReadOnlyList<string>> rankings, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var fused = new Dictionary<string, (double Score, int?[] Ranks)>(StringComparer.Ordinal);
        for (var list = 0; list < rankings.Count; list++)
        {
            var rank = 0;
            foreach (var id in rankings[list])
            {
                rank++;
                if (!fused.TryGetValue(id, out var entry))
                {
                    entry = (0, new int?[rankings.Count]);
                }

                if (entry.Ranks[list] is not null)
                {
                    continue;
                }

                entry.Ranks[list] = rank;
                fused[id] = (entry.Score + (1.0 / (k + rank)), entry.Ranks);
            }
        }

        return fused
            .Select(pair => new FusedResult(pair.Key, pair.Value.Score, pair.Value.Ranks))
            .OrderByDescending(result => result.Score)
            .ThenBy(result => result.Ranks.Min(rank => rank ?? int.MaxValue))
            .ThenBy(result => result.Id, StringComparer.Ordinal)
            .ToArray();
    }
}
