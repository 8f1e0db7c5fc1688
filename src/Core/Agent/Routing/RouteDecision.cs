using MspSupport.Core.Agent.Intents;

namespace MspSupport.Core.Agent.Routing;

/// <summary>Where a message goes and why. <see cref="Intent"/> is set for tier 0.</summary>
public sealed record RouteDecision(int Tier, string Reason, Intent? Intent = null);
