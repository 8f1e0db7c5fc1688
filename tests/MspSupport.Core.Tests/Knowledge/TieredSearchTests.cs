using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Knowledge.Tiers;
using MspSupport.Testing.Fakes;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class TieredSearchTests
{
    [Fact]
    public async Task Ingestion_publishes_changes_to_the_hot_tier_and_search_fuses_its_hits_with_bm25()
    {
        var collection = new OpenSearchStandIn();
        await using var server = await RecordingHttpServer.StartAsync(collection.Respond);
        using var http = new HttpClient();
        var hot = new OpenSearchHotTier(
            http,
            Options.Create(new OpenSearchHotTierOptions { Endpoint = server.BaseAddress.ToString(), Region = "us-east-1", Dimensions = CountingEmbeddingGenerator.Dimensions }),
            new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        var model = new CountingEmbeddingGenerator();
        using var fixture = new KnowledgeFixture(model);
        fixture.Source.Write("vpn.md", Articles.Vpn);
        fixture.Source.Write("printer.md", Articles.Printer);
        var ingestor = new KnowledgeIngestor(fixture.Index, Options.Create(fixture.Options), model, null, hot);
        await ingestor.IngestAsync(fixture.Source.Path);
        fixture.Source.Write("printer.md", Articles.Printer.Replace("Restart the printer", "Power-cycle the printer", StringComparison.Ordinal));
        fixture.Source.Delete("vpn.md");
        var summary = await ingestor.IngestAsync(fixture.Source.Path);

        var search = new KnowledgeSearch(fixture.Index, Options.Create(fixture.Options), model, null, new TieredVectorSearch([hot]));
        var hits = await search.SearchAsync("power-cycle the printer", null, 5, CancellationToken.None);

        Assert.Empty(summary.Errors);
        Assert.Equal(1, collection.DocumentCount("knowledge"));
        Assert.Equal("printer.md", hits[0].Citation.SourcePath);
        Assert.Equal((1, 1), (hits[0].LexicalRank, hits[0].DenseRank));
        Assert.Contains("Power-cycle", hits[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_tiers_are_registered_for_search()
    {
        using var services = Build(new() { ["Knowledge:Hot:IndexName"] = "knowledge", ["Knowledge:Cold:Prefix"] = "shards/" });

        Assert.Equal(["hot", "cold"], services.GetServices<IVectorTier>().Select(t => t.Name));
        Assert.NotNull(services.GetService<TieredVectorSearch>());
        Assert.NotNull(services.GetService<KnowledgeSearch>());
    }

    [Fact]
    public void Tier_settings_are_checked_with_messages_that_name_the_setting()
    {
        using var services = Build(new() { ["Knowledge:Hot:IndexName"] = "Knowledge", ["Knowledge:Cold:Prefix"] = "shards" });

        var hot = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpenSearchHotTierOptions>>().Value);
        var cold = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<S3ColdTierOptions>>().Value);

        Assert.Contains(hot.Failures, f => f.StartsWith("Knowledge:Hot:IndexName", StringComparison.Ordinal));
        Assert.Contains(cold.Failures, f => f.StartsWith("Knowledge:Cold:Prefix", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Embeddings:Provider"] = "OpenAiCompatible",
            ["Knowledge:Embeddings:OpenAi:BaseUrl"] = "http://127.0.0.1:1/v1",
            ["Knowledge:Embeddings:OpenAi:Model"] = "m",
            ["Knowledge:Hot:Endpoint"] = "https://abc.us-east-1.aoss.amazonaws.com",
            ["Knowledge:Hot:Region"] = "us-east-1",
            ["Knowledge:Cold:BucketName"] = "kb-archive",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new ServiceCollection()
            .AddSingleton<AWSCredentials>(new BasicAWSCredentials("a", "b"))
            .AddSingleton<Amazon.S3.IAmazonS3>(_ => new Amazon.S3.AmazonS3Client(new BasicAWSCredentials("a", "b"), Amazon.RegionEndpoint.USEast1))
            .AddKnowledge(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
    }
}
