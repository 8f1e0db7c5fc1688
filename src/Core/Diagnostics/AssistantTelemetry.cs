using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MspSupport.Core.Diagnostics;

/// <summary>
/// The assistant's own spans and metrics, in one place so that every host exports the same names: a turn, its
/// routing, retrieval and store calls are spans of <see cref="Source"/>; turns by tier, tokens, estimated cost, model
/// errors and store throttles are instruments of <see cref="Meter"/>. Model calls and tool calls are traced by
/// Microsoft.Extensions.AI's OpenTelemetry client under <see cref="Agent.Models.AgentModels.ActivitySource"/>.
/// </summary>
public static class AssistantTelemetry
{
    public const string Name = "MspSupport";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Turns answered, tagged with the tier that answered, the tier asked for and the channel.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "mspsupport.agent.turns", "{turn}", "Turns answered, by the tier that answered them.");

    /// <summary>Model tokens, tagged <c>gen_ai.token.type</c> input or output, the model and the tier.</summary>
    public static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        "mspsupport.agent.tokens", "{token}", "Model tokens used by turns.");

    /// <summary>Estimated model cost from the configured per-1k-token prices (Agent:Models:{Tier}:*PricePer1k).</summary>
    public static readonly Counter<double> EstimatedCost = Meter.CreateCounter<double>(
        "mspsupport.agent.estimated_cost", "USD", "Estimated model cost of turns, from the configured price table.");

    /// <summary>
    /// A conversation's estimated cost so far, recorded each time a turn adds to it (a turn that used a model), tagged
    /// only with the channel and the tier that answered: no conversation id, so the series stay few whatever the
    /// traffic. The histogram's upper buckets and max show how expensive conversations grow; its count is costed turns.
    /// </summary>
    public static readonly Histogram<double> ConversationCost = Meter.CreateHistogram<double>(
        "mspsupport.agent.conversation.cost", "USD", "Estimated model cost of a conversation so far, recorded when a turn adds to it.");

    /// <summary>Model calls that failed (after the HTTP client's retries); the turn degraded to an extractive answer.</summary>
    public static readonly Counter<long> ModelErrors = Meter.CreateCounter<long>(
        "mspsupport.agent.model_errors", "{error}", "Model invocations that failed after retries.");

    /// <summary>Store calls refused for throughput (DynamoDB ProvisionedThroughputExceeded, throttling, HTTP 429).</summary>
    public static readonly Counter<long> StoreThrottles = Meter.CreateCounter<long>(
        "mspsupport.store.throttles", "{request}", "Store requests refused for throughput (throttled).");

    /// <summary>Store calls that failed for any reason, tagged with the operation and the error type.</summary>
    public static readonly Counter<long> StoreErrors = Meter.CreateCounter<long>(
        "mspsupport.store.errors", "{request}", "Store requests that failed.");
}
