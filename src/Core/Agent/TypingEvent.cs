namespace MspSupport.Core.Agent;

/// <summary>The agent is working on an answer; a channel shows its typing indicator.</summary>
public sealed record TypingEvent : AgentEvent;
