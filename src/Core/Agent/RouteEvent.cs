namespace MspSupport.Core.Agent;

/// <summary>How the turn was answered: the routing decision and what it cost. Sent last; channels may ignore it.</summary>
public sealed record RouteEvent(RouteRecord Route) : AgentEvent;
