namespace MspSupport.Core.Agent.Models;

/// <summary>The two model tiers, bound from <c>Agent:Models</c>. Both default to no model.</summary>
public sealed class AgentModelOptions
{
    public const string Section = "Agent:Models";

    /// <summary>Defaults when a Bedrock tier names no model: Claude Haiku for cheap, Sonnet for capable.</summary>
    public const string DefaultCheapBedrockModel = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    public const string DefaultCapableBedrockModel = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    /// <summary>Tier 1.</summary>
    public ModelOptions Cheap { get; set; } = new() { InputPricePer1k = 0.001m, OutputPricePer1k = 0.005m };

    /// <summary>Tier 2.</summary>
    public ModelOptions Capable { get; set; } = new() { InputPricePer1k = 0.003m, OutputPricePer1k = 0.015m };

    public ModelOptions For(int tier) => tier >= 2 ? Capable : Cheap;

    public static string ModelIdFor(int tier, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ModelId))
        {
            return options.ModelId;
        }

        return tier >= 2 ? DefaultCapableBedrockModel : DefaultCheapBedrockModel;
    }
}
