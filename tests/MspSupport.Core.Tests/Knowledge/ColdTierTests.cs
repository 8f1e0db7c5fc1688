using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Knowledge.Tiers;
using MspSupport.Testing.S3rver;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class ColdTierTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Cold_shards_in_s3_return_the_same_nearest_chunks_as_the_embedded_index()
    {
        var tier = Tier("exact/", chunksPerShard: 40);
        var rows = Rows(100, seed: 1);
        await tier.WriteAsync("hash-64", 16, rows, CancellationToken.None);
        using var local = new VectorIndex(16, "hash-64");
        foreach (var (chunk, vector) in rows)
        {
            local.Upsert(chunk.Id, vector.Span);
        }

        var query = Rows(1, seed: 2)[0].Vector;
        var cold = await tier.SearchAsync(query, KnowledgeFilter.None, 5, CancellationToken.None);

        Assert.Equal(local.Search(query.Span, 5).Select(h => h.Id), cold.Select(h => h.Chunk.Id));
        Assert.Equal(3, tier.Downloads);
        Assert.All(cold, hit =>
        {
            // The shard round-trips everything a citation needs.
            var written = rows.Single(r => r.Chunk.Id == hit.Chunk.Id).Chunk;
            Assert.Equal((written.Title, written.SectionPath, written.SourcePath, written.Category, written.Text), (hit.Chunk.Title, hit.Chunk.SectionPath, hit.Chunk.SourcePath, hit.Chunk.Category, hit.Chunk.Text));
            Assert.Equal(written.Tags, hit.Chunk.Tags);
        });
    }

    [Fact]
    public async Task Shards_are_cached_until_their_object_changes_and_removed_chunks_disappear()
    {
        var tier = Tier("cache/", chunksPerShard: 10);
        await tier.WriteAsync("m", 16, Rows(30, seed: 3), CancellationToken.None);
        var query = Rows(1, seed: 4)[0].Vector;

        await tier.SearchAsync(query, KnowledgeFilter.None, 3, CancellationToken.None);
        await tier.SearchAsync(query, KnowledgeFilter.None, 3, CancellationToken.None);
        var downloadsBeforeRewrite = tier.Downloads;
        await tier.WriteAsync("m", 16, Rows(12, seed: 3), CancellationToken.None);
        var after = await tier.SearchAsync(query, KnowledgeFilter.None, 50, CancellationToken.None);

        Assert.Equal(3, downloadsBeforeRewrite);
        Assert.Equal(12, after.Count);
        Assert.All(after, h => Assert.True(int.Parse(h.Chunk.SourcePath[1..^3], System.Globalization.CultureInfo.InvariantCulture) < 12));
        var keys = (await s3.Client.ListObjectsV2Async(new() { BucketName = S3rverFixture.BucketName, Prefix = "cache/" })).S3Objects.Select(o => o.Key);
        Assert.Equal(["cache/00000.shard", "cache/00001.shard"], keys);
    }

    [Fact]
    public async Task Cold_search_applies_category_and_tag_filters()
    {
        var tier = Tier("filters/", chunksPerShard: 25);
        await tier.WriteAsync("m", 16, Rows(50, seed: 5), CancellationToken.None);

        var hits = await tier.SearchAsync(Rows(1, seed: 6)[0].Vector, new KnowledgeFilter { Category = "email", Tags = ["odd"] }, 50, CancellationToken.None);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(("email", true), (h.Chunk.Category, h.Chunk.Tags.Contains("odd"))));
    }

    [Fact]
    public async Task Hot_and_cold_results_are_merged_by_reciprocal_rank()
    {
        var cold = Tier("merge/", chunksPerShard: 100);
        var rows = Rows(20, seed: 7);
        await cold.WriteAsync("m", 16, rows, CancellationToken.None);
        var query = rows[3].Vector;
        var hot = new FixedTier([rows[10].Chunk, rows[3].Chunk]);

        var merged = await new TieredVectorSearch([hot, cold]).SearchAsync(query, null, 3, CancellationToken.None);

        // rows[3] is first in cold (exact match) and second in hot: 1/61 + 1/62 beats rows[10]'s 1/61 alone.
        Assert.Equal(rows[3].Chunk.Id, merged[0].Chunk.Id);
        Assert.Equal(rows[10].Chunk.Id, merged[1].Chunk.Id);
        Assert.Equal(3, merged.Count);
    }

    private S3ColdTier Tier(string prefix, int chunksPerShard) =>
        new(s3.Client, Options.Create(new S3ColdTierOptions { BucketName = S3rverFixture.BucketName, Prefix = prefix, ChunksPerShard = chunksPerShard }));

    private static List<(KnowledgeChunk Chunk, ReadOnlyMemory<float> Vector)> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var chunk = new KnowledgeChunk($"a{i}.md#0", $"a{i}.md", $"Article {i}", $"Article {i} › Steps", i % 2 == 0 ? "network" : "email", i % 2 == 0 ? ["even"] : ["odd"], $"Text of article {i}", 0);
            var vector = Enumerable.Range(0, 16).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            return (chunk, (ReadOnlyMemory<float>)vector);
        }).ToList();
    }

    private sealed class FixedTier(IReadOnlyList<KnowledgeChunk> ranked) : IVectorTier
    {
        public string Name => "hot";

        public Task<IReadOnlyList<ScoredChunk>> SearchAsync(ReadOnlyMemory<float> query, KnowledgeFilter filter, int top, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ScoredChunk>>(ranked.Select((chunk, i) => new ScoredChunk(chunk, 1f - (i * 0.1f))).ToArray());
    }
}
