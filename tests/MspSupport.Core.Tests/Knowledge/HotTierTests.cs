using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Knowledge.Tiers;
using MspSupport.Testing.Fakes;
using MspSupport.Testing.S3rver;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class HotTierTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private const int Dimensions = 16;

    [Fact]
    public async Task Creating_the_index_sends_a_knn_vector_hnsw_cosinesimil_mapping_once()
    {
        var collection = new OpenSearchStandIn();
        await using var server = await RecordingHttpServer.StartAsync(collection.Respond);
        using var http = new HttpClient();
        var tier = Tier(http, server);

        await tier.EnsureIndexAsync(CancellationToken.None);
        await tier.EnsureIndexAsync(CancellationToken.None);

        var put = Assert.Single(server.Requests, r => r.Method == "PUT");
        Assert.Equal("/knowledge", put.Path);
        var vector = JsonNode.Parse(put.Body)!["mappings"]!["properties"]!["embedding"]!;
        Assert.Equal(("knn_vector", 16, "hnsw", "cosinesimil"), (
            vector["type"]!.GetValue<string>(), vector["dimension"]!.GetValue<int>(),
            vector["method"]!["name"]!.GetValue<string>(), vector["method"]!["space_type"]!.GetValue<string>()));
        Assert.All(server.Requests, r => Assert.Contains("/eu-west-1/aoss/aws4_request", r.Header("authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bulk_indexed_chunks_come_back_from_a_knn_query_nearest_first_and_filtered()
    {
        var collection = new OpenSearchStandIn();
        await using var server = await RecordingHttpServer.StartAsync(collection.Respond);
        using var http = new HttpClient();
        var tier = Tier(http, server, bulkSize: 7);
        var rows = Rows(20, seed: 11);
        await tier.EnsureIndexAsync(CancellationToken.None);

        await tier.IndexAsync(rows, CancellationToken.None);
        var nearest = await tier.SearchAsync(rows[4].Vector, KnowledgeFilter.None, 3, CancellationToken.None);
        var filtered = await tier.SearchAsync(rows[4].Vector, new KnowledgeFilter { Category = "email" }, 5, CancellationToken.None);

        Assert.Equal(20, collection.DocumentCount("knowledge"));
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/_bulk"));
        Assert.All(server.Requests.Where(r => r.Path == "/_bulk"), r => Assert.Equal("application/x-ndjson", r.Header("content-type")));
        Assert.Equal(rows[4].Chunk, nearest[0].Chunk with { Tags = rows[4].Chunk.Tags });
        Assert.Equal(3, nearest.Count);
        Assert.All(filtered, h => Assert.Equal("email", h.Chunk.Category));
        Assert.Equal(5, filtered.Count);
    }

    [Fact]
    public async Task Removing_a_source_deletes_its_documents_by_the_ids_the_collection_assigned()
    {
        var collection = new OpenSearchStandIn();
        await using var server = await RecordingHttpServer.StartAsync(collection.Respond);
        using var http = new HttpClient();
        var tier = Tier(http, server);
        var rows = Rows(6, seed: 12);
        await tier.EnsureIndexAsync(CancellationToken.None);
        await tier.IndexAsync(rows, CancellationToken.None);

        await tier.RemoveSourcesAsync(["a2.md", "a5.md"], CancellationToken.None);
        var all = await tier.SearchAsync(rows[0].Vector, KnowledgeFilter.None, 10, CancellationToken.None);

        Assert.Equal(4, collection.DocumentCount("knowledge"));
        Assert.DoesNotContain(all, h => h.Chunk.SourcePath is "a2.md" or "a5.md");
    }

    [Fact]
    public async Task A_rejected_bulk_item_fails_the_write_with_the_services_reason()
    {
        var collection = new OpenSearchStandIn();
        await using var server = await RecordingHttpServer.StartAsync(collection.Respond);
        using var http = new HttpClient();
        var tier = Tier(http, server);
        await tier.EnsureIndexAsync(CancellationToken.None);
        var wrongSize = Rows(1, seed: 1).Select(r => (r.Chunk, (ReadOnlyMemory<float>)new float[8])).ToArray();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => tier.IndexAsync(wrongSize, CancellationToken.None));

        Assert.Contains("dimension mismatch", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Recent_articles_in_the_hot_tier_and_the_archive_in_s3_answer_one_query_together()
    {
        var collection = new OpenSearchStandIn();
        await using var server = await RecordingHttpServer.StartAsync(collection.Respond);
        using var http = new HttpClient();
        var hot = Tier(http, server);
        var cold = new S3ColdTier(s3.Client, Options.Create(new S3ColdTierOptions { BucketName = S3rverFixture.BucketName, Prefix = "tiers/" }));
        var rows = Rows(30, seed: 13);
        await hot.EnsureIndexAsync(CancellationToken.None);
        await hot.IndexAsync(rows.Take(10), CancellationToken.None);
        await cold.WriteAsync("m", Dimensions, rows.Skip(10).ToList(), CancellationToken.None);

        // Halfway between a recent article and an archived one: both should lead the merged list.
        var query = rows[2].Vector.ToArray().Zip(rows[25].Vector.ToArray(), (a, b) => a + b).ToArray();
        var merged = await new TieredVectorSearch([hot, cold]).SearchAsync(query, null, 4, CancellationToken.None);

        Assert.Equal(["a2.md#0", "a25.md#0"], merged.Take(2).Select(h => h.Chunk.Id).Order());
        Assert.Equal(4, merged.Count);
    }

    private static OpenSearchHotTier Tier(HttpClient http, RecordingHttpServer server, int bulkSize = 200) => new(
        http,
        Options.Create(new OpenSearchHotTierOptions { Endpoint = server.BaseAddress.ToString(), Region = "eu-west-1", Dimensions = Dimensions, BulkSize = bulkSize }),
        new BasicAWSCredentials("AKIDEXAMPLE", "secret"));

    private static List<(KnowledgeChunk Chunk, ReadOnlyMemory<float> Vector)> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var chunk = new KnowledgeChunk($"a{i}.md#0", $"a{i}.md", $"Article {i}", $"Article {i} › Steps", i % 2 == 0 ? "network" : "email", ["t" + (i % 3)], $"Text of article {i}", 0);
            var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            return (chunk, (ReadOnlyMemory<float>)vector);
        }).ToList();
    }
}
