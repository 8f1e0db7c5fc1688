using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using MspSupport.Core.Aws;

namespace MspSupport.Core.Knowledge.Embeddings;

/// <summary>
/// Amazon Titan Text Embeddings v2 through one SigV4-signed Bedrock Runtime call per text
/// (<c>POST {endpoint}/model/{modelId}/invoke</c>; Titan embeds one input per call), a few calls at a time.
/// Vectors come back normalised, as cosine search wants them.
/// </summary>
public sealed class BedrockTitanEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string SigningService = "bedrock";

    private readonly HttpClient _http;
    private readonly BedrockEmbeddingOptions _options;
    private readonly AWSCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly Uri _invokeUri;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public BedrockTitanEmbeddingGenerator(HttpClient http, IOptions<KnowledgeOptions> options, AWSCredentials credentials, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        _http = http;
        _options = options.Value.Embeddings.Bedrock;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        var region = _options.Region ?? throw new InvalidOperationException("Knowledge:Embeddings:Bedrock:Region is not set.");
        var endpoint = string.IsNullOrWhiteSpace(_options.Endpoint) ? $"https://bedrock-runtime.{region}.amazonaws.com" : _options.Endpoint.TrimEnd('/');

        // The model id holds a ':'; it goes on the wire percent-encoded, as the AWS SDKs send it.
        _invokeUri = new Uri($"{endpoint}/model/{Uri.EscapeDataString(_options.ModelId)}/invoke");
        _metadata = new EmbeddingGeneratorMetadata("aws.bedrock", new Uri(endpoint), _options.ModelId, _options.Dimensions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        var vectors = new float[texts.Length][];
        var credentials = await _credentials.GetCredentialsAsync();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, texts.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) => vectors[i] = await EmbedAsync(texts[i], credentials, token));

        return [.. vectors.Select(vector => new Embedding<float>(vector) { ModelId = _options.ModelId })];
    }

    private async Task<float[]> EmbedAsync(string text, ImmutableCredentials credentials, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new TitanEmbeddingRequest(text, _options.Dimensions, Normalize: true), EmbeddingJsonContext.Default.TitanEmbeddingRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, _invokeUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        SigV4Signer.Sign(request, body, credentials, _options.Region!, SigningService, _time.GetUtcNow());

        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Bedrock InvokeModel returned {(int)response.StatusCode}: {detail}", null, response.StatusCode);
        }

        var result = await response.Content.ReadFromJsonAsync(EmbeddingJsonContext.Default.TitanEmbeddingResponse, cancellationToken)
            ?? throw new InvalidOperationException("Bedrock InvokeModel returned an empty body.");
        return result.Embedding;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory.
    }
}
