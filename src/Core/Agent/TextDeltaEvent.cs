namespace MspSupport.Core.Agent;

/// <summary>A piece of an answer still being written by a model; a <see cref="TextEvent"/> with the whole text follows.</summary>
public sealed record TextDeltaEvent(string Delta) : AgentEvent;
