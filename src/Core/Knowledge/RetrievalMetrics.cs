namespace MspSupport.Core.Knowledge;

/// <summary>
/// The standard ranked-retrieval measures, as trec_eval (and so BEIR) computes them: linear gain for nDCG,
/// log2(rank + 1) discount, ideal ranking from the judged relevant documents.
/// </summary>
public static class RetrievalMetrics
{
    /// <param name="ranked">Retrieved ids, best first (duplicates must already be removed).</param>
    /// <param name="relevance">Judged ids and their grade; grade 0 or missing means not relevant.</param>
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevance);
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevance.TryGetValue(ranked[i], out var grade) && grade > 0)
            {
                dcg += grade / Math.Log2(i + 2);
            }
        }

        var ideal = relevance.Values.Where(grade => grade > 0).OrderDescending().Take(k).Select((grade, i) => grade / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevance);
        var relevant = relevance.Count(pair => pair.Value > 0);
        if (relevant == 0)
        {
            return 0;
        }

        var found = ranked.Take(k).Count(id => relevance.TryGetValue(id, out var grade) && grade > 0);
        return (double)found / relevant;
    }

    public static double ReciprocalRankAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevance);
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevance.TryGetValue(ranked[i], out var grade) && grade > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }
}
