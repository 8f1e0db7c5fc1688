namespace MspSupport.Core.Knowledge.Tiers;

/// <summary><c>Knowledge:Cold</c>: where the cold tier's shards live in S3.</summary>
public sealed class S3ColdTierOptions
{
    public const string Section = "Knowledge:Cold";

    public string? BucketName { get; set; }

    /// <summary>Key prefix of the shard objects; everything under it is a shard.</summary>
    public string Prefix { get; set; } = "knowledge/shards/";

    /// <summary>Chunks per shard object; 2,000 × 1,024 floats is about 8 MB.</summary>
    public int ChunksPerShard { get; set; } = 2000;
}
