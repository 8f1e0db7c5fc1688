using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics.Tensors;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Knowledge.Tiers;

/// <summary>
/// The cold tier: chunks and vectors as shard objects under one S3 prefix. A search lists the prefix, fetches only
/// shards it has not seen at their current ETag, and scans them exactly; shards stay cached in memory, so after
/// the first search the cost is one LIST request and the scan.
/// </summary>
public sealed class S3ColdTier : IVectorTier
{
    private readonly IAmazonS3 _s3;
    private readonly S3ColdTierOptions _options;
    private readonly ConcurrentDictionary<string, (string ETag, ColdShard Shard)> _cache = new(StringComparer.Ordinal);

    public S3ColdTier(IAmazonS3 s3, IOptions<S3ColdTierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(options);
        _s3 = s3;
        _options = options.Value;
    }

    public string Name => "cold";

    /// <summary>How many shard downloads searches have made; the cache keeps this at one per shard version.</summary>
    public int Downloads { get; private set; }

    /// <summary>Replaces the tier's content with these chunks, written as shard objects; shards left over from a larger set are deleted.</summary>
    public async Task WriteAsync(string modelId, int dimensions, IReadOnlyList<(KnowledgeChunk Chunk, ReadOnlyMemory<float> Vector)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var shardNumber = 0;
        foreach (var part in rows.Chunk(_options.ChunksPerShard))
        {
            var vectors = new float[part.Length * dimensions];
            for (var i = 0; i < part.Length; i++)
            {
                part[i].Vector.Span.CopyTo(vectors.AsSpan(i * dimensions, dimensions));
            }

            using var body = new MemoryStream();
            new ColdShard(modelId, dimensions, part.Select(row => row.Chunk).ToArray(), vectors).WriteTo(body);
            body.Position = 0;
            var key = $"{_options.Prefix}{shardNumber++.ToString("00000", CultureInfo.InvariantCulture)}.shard";
            await _s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = _options.BucketName,
                    Key = key,
                    InputStream = body,
                    ContentType = "application/octet-stream",
                    // One signed body, not aws-chunked: S3-compatible stores (s3rver, MinIO gateways) do not all decode chunked uploads.
                    UseChunkEncoding = false,
                },
                cancellationToken);
            written.Add(key);
        }

        foreach (var stale in (await ListAsync(cancellationToken)).Where(o => !written.Contains(o.Key)))
        {
            await _s3.DeleteObjectAsync(_options.BucketName, stale.Key, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, KnowledgeFilter filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var unit = query.ToArray();
        var norm = TensorPrimitives.Norm(unit);
        if (norm > 0)
        {
            TensorPrimitives.Divide(unit, norm, unit);
        }

        var objects = await ListAsync(cancellationToken);
        foreach (var gone in _cache.Keys.Except(objects.Select(o => o.Key)).ToArray())
        {
            _cache.TryRemove(gone, out _);
        }

        var hits = new List<ScoredChunk>();
        foreach (var entry in objects)
        {
            var shard = await ShardAsync(entry, cancellationToken);
            if (shard.Dimensions == unit.Length)
            {
                hits.AddRange(shard.Search(unit, filter, top));
            }
        }

        return hits.OrderByDescending(hit => hit.Score).Take(top).ToArray();
    }

    private async Task<ColdShard> ShardAsync(S3Object entry, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(entry.Key, out var cached) && cached.ETag == entry.ETag)
        {
            return cached.Shard;
        }

        using var response = await _s3.GetObjectAsync(_options.BucketName, entry.Key, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        var shard = ColdShard.ReadFrom(buffer);
        Downloads++;
        _cache[entry.Key] = (entry.ETag, shard);
        return shard;
    }

    private async Task<List<S3Object>> ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = _options.BucketName, Prefix = _options.Prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.ListObjectsV2Async(request, cancellationToken);
            objects.AddRange(response.S3Objects ?? []);
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return objects;
    }
}
