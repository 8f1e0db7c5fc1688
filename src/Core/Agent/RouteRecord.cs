namespace MspSupport.Core.Agent;

/// <summary>
/// The record of one routing decision and its cost, for logs, telemetry and the channel's debug view.
/// </summary>
/// <param name="Tier">The tier that answered (0 = deterministic, 1 = cheap model, 2 = capable model).</param>
/// <param name="RequestedTier">The tier the router chose; differs from <paramref name="Tier"/> when the answer was degraded.</param>
/// <param name="Reason">Which rule decided, in words.</param>
/// <param name="ModelId">The model that answered, or null for tier 0.</param>
/// <param name="EstimatedCost">From the configured per-1k-token prices, in the prices' currency.</param>
/// <param name="ConversationCost">The conversation's estimated cost so far, this turn included (kept in its state).</param>
public sealed record RouteRecord(
    int Tier,
    int RequestedTier,
    string Reason,
    string? ModelId,
    long InputTokens,
    long OutputTokens,
    decimal EstimatedCost,
    double LatencyMs,
    decimal ConversationCost)
{
    public bool Degraded => Tier != RequestedTier;
}
