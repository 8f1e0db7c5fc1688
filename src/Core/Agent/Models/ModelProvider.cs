namespace MspSupport.Core.Agent.Models;

public enum ModelProvider
{
    /// <summary>No model for this tier: tier 0 and the extractive answer cover it.</summary>
    None,

    /// <summary>Claude on Amazon Bedrock through the official Anthropic.Bedrock client.</summary>
    Bedrock,

    /// <summary>Any OpenAI-compatible chat completions server (OpenAI, Ollama, vLLM) at <see cref="ModelOptions.BaseUrl"/>.</summary>
    OpenAI,
}
