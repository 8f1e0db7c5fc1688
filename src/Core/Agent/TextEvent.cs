namespace MspSupport.Core.Agent;

/// <summary>The complete text of an answer (or of a failure: what happened and what to do next).</summary>
public sealed record TextEvent(string Text) : AgentEvent;
