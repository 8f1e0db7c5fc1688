namespace MspSupport.Core.Knowledge.Tiers;

/// <summary>
/// Queries every tier at once and fuses their lists by reciprocal rank, the same way lexical and dense lists are
/// fused: a hot tier's approximate scores and a cold tier's exact cosines need no common scale. A tier that fails
/// is left out rather than failing the search.
/// </summary>
public sealed class TieredVectorSearch(IEnumerable<IVectorTier> tiers)
{
    private readonly IVectorTier[] _tiers = [.. tiers];

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, KnowledgeFilter? filter, int top, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var results = await Task.WhenAll(_tiers.Select(async tier =>
        {
            try
            {
                return await tier.SearchAsync(query, filter ?? KnowledgeFilter.None, top, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return (IReadOnlyList<ScoredChunk>)[];
            }
        }));

        var chunks = new Dictionary<string, KnowledgeChunk>(StringComparer.Ordinal);
        foreach (var hit in results.SelectMany(list => list))
        {
            chunks.TryAdd(hit.Chunk.Id, hit.Chunk);
        }

        return ReciprocalRankFusion.Fuse(results.Select(list => (IReadOnlyList<string>)list.Select(hit => hit.Chunk.Id).ToArray()).ToArray())
            .Take(top)
            .Select(fused => new ScoredChunk(chunks[fused.Id], (float)fused.Score))
            .ToArray();
    }
}
