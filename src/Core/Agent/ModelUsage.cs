using Microsoft.Extensions.AI;
using MspSupport.Core.Agent.Models;

namespace MspSupport.Core.Agent;

/// <summary>Tokens and estimated cost of the model calls of one turn (a tool loop makes several).</summary>
public sealed class ModelUsage
{
    private ModelOptions? _options;

    public int? Tier { get; private set; }
    public string? ModelId { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }

    public decimal EstimatedCost => _options is null ? 0m :
        (InputTokens * _options.InputPricePer1k + OutputTokens * _options.OutputPricePer1k) / 1000m;

    public void Start(int tier, string modelId, ModelOptions options)
    {
        Tier = tier;
        ModelId = modelId;
        _options = options;
    }

    public void Add(UsageDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        InputTokens += details.InputTokenCount ?? 0;
        OutputTokens += details.OutputTokenCount ?? 0;
    }
}
