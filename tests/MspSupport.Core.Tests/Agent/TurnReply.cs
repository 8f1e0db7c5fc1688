using MspSupport.Core.Agent;
using MspSupport.Core.Cards;

namespace MspSupport.Core.Tests.Agent;

/// <summary>The events of one turn, with the views tests read most.</summary>
public sealed record TurnReply(IReadOnlyList<AgentEvent> Events)
{
    public string Text => string.Join("\n", Events.OfType<TextEvent>().Select(e => e.Text));

    public string Streamed => string.Concat(Events.OfType<TextDeltaEvent>().Select(e => e.Delta));

    public IReadOnlyList<Card> Cards => Events.OfType<CardEvent>().Select(e => e.Card).ToList();

    public T Card<T>()
        where T : Card => Assert.Single(Cards.OfType<T>());

    public RouteRecord Route => Assert.Single(Events.OfType<RouteEvent>()).Route;

    public IReadOnlyList<string> Notices => Events.OfType<NoticeEvent>().Select(e => e.Text).ToList();
}
