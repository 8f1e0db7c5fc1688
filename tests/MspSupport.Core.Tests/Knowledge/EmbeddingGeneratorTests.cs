using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;
using MspSupport.Core.Knowledge.Embeddings;
using MspSupport.Testing.Fakes;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class EmbeddingGeneratorTests
{
    [Fact]
    public async Task OpenAi_compatible_client_posts_batches_to_embeddings_and_keeps_input_order()
    {
        await using var server = await RecordingHttpServer.StartAsync(EmbeddingApiStandIn.Respond);
        using var http = new HttpClient();
        var options = new KnowledgeOptions();
        options.Embeddings.OpenAi = new OpenAiEmbeddingOptions { BaseUrl = new Uri(server.BaseAddress, "v1").ToString(), Model = "nomic-embed-text", ApiKey = "k", BatchSize = 2 };
        var generator = new OpenAiCompatibleEmbeddingGenerator(http, Options.Create(options));

        var embeddings = await generator.GenerateAsync(["alpha", "beta", "gamma"]);

        Assert.Equal(3, embeddings.Count);
        Assert.Equal(EmbeddingApiStandIn.VectorFor("gamma", 16), embeddings[2].Vector.ToArray());
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal(("POST", "/v1/embeddings", "Bearer k"), (r.Method, r.Path, r.Header("authorization"))));
        var first = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal("nomic-embed-text", first["model"]!.GetValue<string>());
        Assert.Equal(["alpha", "beta"], first["input"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("nomic-embed-text", generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task Bedrock_titan_client_sends_one_signed_invoke_per_text_with_1024_normalised_dimensions()
    {
        await using var server = await RecordingHttpServer.StartAsync(EmbeddingApiStandIn.Respond);
        using var http = new HttpClient();
        var options = new KnowledgeOptions();
        options.Embeddings.Bedrock = new BedrockEmbeddingOptions { Region = "eu-west-1", Endpoint = server.BaseAddress.ToString() };
        var generator = new BedrockTitanEmbeddingGenerator(http, Options.Create(options), new BasicAWSCredentials("AKIDEXAMPLE", "secret"));

        var embeddings = await generator.GenerateAsync(["reset my vpn password", "printer offline"]);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(1024, e.Vector.Length));
        Assert.Equal(EmbeddingApiStandIn.VectorFor("printer offline", 1024), embeddings[1].Vector.ToArray());
        var requests = server.Requests.OrderBy(r => r.Body, StringComparer.Ordinal).ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("/model/amazon.titan-embed-text-v2%3A0/invoke", r.Path));
        Assert.All(requests, r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", r.Header("authorization"), StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Contains("/eu-west-1/bedrock/aws4_request", r.Header("authorization"), StringComparison.Ordinal));
        var body = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal(("printer offline", 1024, true), (body["inputText"]!.GetValue<string>(), body["dimensions"]!.GetValue<int>(), body["normalize"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Bedrock_errors_surface_with_the_service_message()
    {
        await using var server = await RecordingHttpServer.StartAsync(_ => new StandInResponse(400, """{"message":"Malformed input request"}"""));
        using var http = new HttpClient();
        var options = new KnowledgeOptions();
        options.Embeddings.Bedrock = new BedrockEmbeddingOptions { Region = "us-east-1", Endpoint = server.BaseAddress.ToString() };
        var generator = new BedrockTitanEmbeddingGenerator(http, Options.Create(options), new BasicAWSCredentials("AKID", "secret"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => generator.GenerateAsync(["x"]));

        Assert.Contains("Malformed input request", error.Message, StringComparison.Ordinal);
    }
}
