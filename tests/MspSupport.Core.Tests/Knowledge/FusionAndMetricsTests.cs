using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class FusionAndMetricsTests
{
    [Fact]
    public void Rrf_sums_one_over_k_plus_rank_and_counts_an_id_once_per_list()
    {
        // a: 1/61 + 1/62 = 0.032522;  c: 1/63 + 1/61 = 0.032266;  b: 1/62 = 0.016129;  d: 1/64 = 0.015625
        var fused = ReciprocalRankFusion.Fuse([["a", "b", "c"], ["c", "a", "c", "d"]], k: 60);

        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Id));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[1].Score, 12);
        Assert.Equal([3, 1], fused[1].Ranks);
        Assert.Equal([null, 4], fused[3].Ranks);
    }

    [Fact]
    public void Metrics_match_a_hand_computed_ranking()
    {
        // Relevant: b, d, e. Ranked: a b c d.
        // DCG@10 = 1/log2(3) + 1/log2(5) = 1.061606;  IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.130930;  nDCG = 0.498189
        string[] ranked = ["a", "b", "c", "d"];
        var qrels = new Dictionary<string, int> { ["b"] = 1, ["d"] = 1, ["e"] = 1, ["c"] = 0 };

        Assert.Equal(0.498189, RetrievalMetrics.NdcgAt(10, ranked, qrels), 5);
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAt(2, ranked, qrels), 12);
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAt(10, ranked, qrels), 12);
        Assert.Equal(0.5, RetrievalMetrics.ReciprocalRankAt(10, ranked, qrels), 12);
        Assert.Equal(0, RetrievalMetrics.ReciprocalRankAt(1, ranked, qrels));
    }

    [Fact]
    public void A_perfect_ranking_scores_one_and_graded_gains_count_linearly()
    {
        var graded = new Dictionary<string, int> { ["x"] = 2, ["y"] = 1 };

        Assert.Equal(1.0, RetrievalMetrics.NdcgAt(10, ["x", "y"], graded), 12);
        // Swapped: (1 + 2/log2(3)) / (2 + 1/log2(3)) = 2.261860 / 2.630930 = 0.859719
        Assert.Equal(0.859719, RetrievalMetrics.NdcgAt(10, ["y", "x"], graded), 5);
    }
}
