namespace MspSupport.Core.Knowledge;

/// <summary>Which embedding model, if any, backs dense search. <c>Knowledge:Embeddings</c>.</summary>
public sealed class EmbeddingOptions
{
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.None;

    public OpenAiEmbeddingOptions OpenAi { get; set; } = new();

    public BedrockEmbeddingOptions Bedrock { get; set; } = new();
}
