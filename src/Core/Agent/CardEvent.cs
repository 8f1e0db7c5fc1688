using MspSupport.Core.Cards;

namespace MspSupport.Core.Agent;

/// <summary>A card to draw (ticket, form, list, answer, confirmation, welcome).</summary>
public sealed record CardEvent(Card Card) : AgentEvent;
