namespace MspSupport.Core.Knowledge.Tiers;

/// <summary>
/// A place chunks with vectors live on AWS: OpenSearch Serverless k-NN (hot) or S3 object shards (cold).
/// Each returns its own best matches; <see cref="TieredVectorSearch"/> merges them by rank.
/// </summary>
public interface IVectorTier
{
    string Name { get; }

    Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, KnowledgeFilter filter, int top, CancellationToken cancellationToken);
}
