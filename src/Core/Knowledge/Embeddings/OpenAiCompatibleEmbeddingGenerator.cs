using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Knowledge.Embeddings;

/// <summary>
/// Embeddings from any server that speaks OpenAI's <c>POST /embeddings</c> (Ollama, vLLM, LM Studio, OpenAI):
/// one request per batch of <c>Knowledge:Embeddings:OpenAi:BatchSize</c> texts.
/// </summary>
public sealed class OpenAiCompatibleEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HttpClient _http;
    private readonly OpenAiEmbeddingOptions _options;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly Uri _endpoint;

    public OpenAiCompatibleEmbeddingGenerator(HttpClient http, IOptions<KnowledgeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value.Embeddings.OpenAi;
        var baseUrl = _options.BaseUrl ?? throw new InvalidOperationException("Knowledge:Embeddings:OpenAi:BaseUrl is not set.");
        _endpoint = new Uri(baseUrl.TrimEnd('/') + "/embeddings");
        _metadata = new EmbeddingGeneratorMetadata("openai-compatible", new Uri(baseUrl), _options.Model);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = options?.ModelId ?? _options.Model ?? throw new InvalidOperationException("Knowledge:Embeddings:OpenAi:Model is not set.");
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(_options.BatchSize))
        {
            // Serialised up front so the request carries a Content-Length: small servers do not all accept chunked bodies.
            var json = JsonSerializer.SerializeToUtf8Bytes(new OpenAiEmbeddingRequest(model, batch), EmbeddingJsonContext.Default.OpenAiEmbeddingRequest);
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(json) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (!string.IsNullOrEmpty(_options.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync(EmbeddingJsonContext.Default.OpenAiEmbeddingResponse, cancellationToken)
                ?? throw new InvalidOperationException("The embeddings endpoint returned an empty body.");
            if (body.Data.Count != batch.Length)
            {
                throw new InvalidOperationException($"The embeddings endpoint returned {body.Data.Count} vectors for {batch.Length} inputs.");
            }

            foreach (var item in body.Data.OrderBy(item => item.Index))
            {
                result.Add(new Embedding<float>(item.Embedding) { ModelId = body.Model ?? model });
            }
        }

        return result;
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
