namespace MspSupport.Core.Knowledge;

/// <summary><c>Knowledge:Embeddings:Bedrock</c>: Titan Text Embeddings v2 over Bedrock Runtime.</summary>
public sealed class BedrockEmbeddingOptions
{
    /// <summary>AWS region used for the endpoint and the signature, e.g. <c>eu-west-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint override (a VPC endpoint or a local stand-in); default <c>https://bedrock-runtime.{Region}.amazonaws.com</c>.</summary>
    public string? Endpoint { get; set; }

    public string ModelId { get; set; } = "amazon.titan-embed-text-v2:0";

    /// <summary>Titan v2 accepts 256, 512 or 1024.</summary>
    public int Dimensions { get; set; } = 1024;

    /// <summary>How many InvokeModel calls run at once; Titan embeds one text per call.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
