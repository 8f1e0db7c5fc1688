namespace MspSupport.Core.Agent.Models;

/// <summary>One model tier (<c>Agent:Models:Cheap</c> or <c>Agent:Models:Capable</c>).</summary>
public sealed class ModelOptions
{
    public ModelProvider Provider { get; set; } = ModelProvider.None;

    /// <summary>The provider's model id; empty means the tier's default Claude model on Bedrock.</summary>
    public string ModelId { get; set; } = "";

    /// <summary>OpenAI-compatible servers: the API base URL, e.g. http://localhost:11434/v1.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>OpenAI-compatible servers: the API key, if the server wants one. Set it from a secret store, not a file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Bedrock: the AWS region whose runtime endpoint serves the model.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Bedrock: another endpoint than https://bedrock-runtime.{Region}.amazonaws.com (a VPC endpoint, a local stand-in).</summary>
    public string? Endpoint { get; set; }

    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Per attempt; a turn gives up on the model (and degrades) after three attempts' worth.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>First retry delay after throttling (429), a 5xx or a timeout; later retries back off exponentially with jitter.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>Retries after the first attempt; then the turn degrades to the extractive answer.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Price per 1,000 input tokens, for the cost estimate of each turn.</summary>
    public decimal InputPricePer1k { get; set; }

    public decimal OutputPricePer1k { get; set; }
}
