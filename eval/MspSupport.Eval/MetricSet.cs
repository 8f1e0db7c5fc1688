using MspSupport.Core.Knowledge;

namespace MspSupport.Eval;

/// <summary>The four figures we report for one configuration, averaged over the judged queries.</summary>
public sealed record MetricSet(double Ndcg10, double Recall10, double Recall100, double Mrr10, int Queries)
{
    public static MetricSet Compute(IReadOnlyDictionary<string, IReadOnlyList<string>> runs, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> qrels)
    {
        double ndcg = 0, r10 = 0, r100 = 0, mrr = 0;
        foreach (var (queryId, judged) in qrels)
        {
            var ranked = runs.TryGetValue(queryId, out var run) ? run : [];
            ndcg += RetrievalMetrics.NdcgAt(10, ranked, judged);
            r10 += RetrievalMetrics.RecallAt(10, ranked, judged);
            r100 += RetrievalMetrics.RecallAt(100, ranked, judged);
            mrr += RetrievalMetrics.ReciprocalRankAt(10, ranked, judged);
        }

        var n = Math.Max(qrels.Count, 1);
        return new MetricSet(ndcg / n, r10 / n, r100 / n, mrr / n, qrels.Count);
    }
}
