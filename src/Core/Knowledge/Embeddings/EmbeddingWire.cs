using System.Text.Json.Serialization;

namespace MspSupport.Core.Knowledge.Embeddings;

// Request and response bodies of the two embedding APIs, as their documentation defines them.

/// <summary>OpenAI <c>POST /embeddings</c> request.</summary>
internal sealed record OpenAiEmbeddingRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("input")] IReadOnlyList<string> Input,
    [property: JsonPropertyName("encoding_format")] string EncodingFormat = "float");

internal sealed record OpenAiEmbeddingResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<OpenAiEmbeddingItem> Data,
    [property: JsonPropertyName("model")] string? Model);

internal sealed record OpenAiEmbeddingItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] float[] Embedding);

/// <summary>Titan Text Embeddings v2 InvokeModel request body.</summary>
internal sealed record TitanEmbeddingRequest(
    [property: JsonPropertyName("inputText")] string InputText,
    [property: JsonPropertyName("dimensions")] int Dimensions,
    [property: JsonPropertyName("normalize")] bool Normalize);

internal sealed record TitanEmbeddingResponse(
    [property: JsonPropertyName("embedding")] float[] Embedding,
    [property: JsonPropertyName("inputTextTokenCount")] int InputTextTokenCount);

[JsonSerializable(typeof(OpenAiEmbeddingRequest))]
[JsonSerializable(typeof(OpenAiEmbeddingResponse))]
[JsonSerializable(typeof(TitanEmbeddingRequest))]
[JsonSerializable(typeof(TitanEmbeddingResponse))]
internal sealed partial class EmbeddingJsonContext : JsonSerializerContext;
