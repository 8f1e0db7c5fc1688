namespace MspSupport.Core.Agent;

/// <summary>A short remark about how the answer was made, e.g. that the model was unavailable and a simpler answer follows.</summary>
public sealed record NoticeEvent(string Text) : AgentEvent;
