namespace MspSupport.Core.Knowledge;

public enum EmbeddingProvider
{
    /// <summary>Lexical search only; no model is called.</summary>
    None,

    /// <summary>Any server speaking the OpenAI <c>/embeddings</c> API (Ollama, vLLM, LM Studio, OpenAI).</summary>
    OpenAiCompatible,

    /// <summary>Amazon Titan Text Embeddings v2 through Bedrock's InvokeModel.</summary>
    BedrockTitan,
}
