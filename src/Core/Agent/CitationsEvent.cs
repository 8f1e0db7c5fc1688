using MspSupport.Core.Cards;

namespace MspSupport.Core.Agent;

/// <summary>The sources an answer used, numbered as the answer's text refers to them ([1], [2], ...).</summary>
public sealed record CitationsEvent(IReadOnlyList<NumberedCitation> Citations) : AgentEvent;
