namespace MspSupport.Core.Knowledge;

/// <summary><c>Knowledge:Embeddings:OpenAi</c>: an OpenAI-compatible embeddings endpoint.</summary>
public sealed class OpenAiEmbeddingOptions
{
    /// <summary>The API root, e.g. <c>http://127.0.0.1:11434/v1</c>; the client posts to <c>{BaseUrl}/embeddings</c>.</summary>
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    /// <summary>Sent as a bearer token when set; local servers usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How many texts go in one request.</summary>
    public int BatchSize { get; set; } = 32;
}
