using MspSupport.Core.Cards;
using MspSupport.Core.Identity;

namespace MspSupport.Core.Agent;

/// <summary>One turn in progress: who asks, the conversation's state, and the events produced so far.</summary>
public sealed class TurnContext
{
    private readonly List<AgentEvent> _pending = [];
    private readonly List<string> _said = [];

    public TurnContext(Turn turn, ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        Turn = turn;
        State = state;
    }

    public Turn Turn { get; }

    public CallerIdentity Caller => Turn.Caller;

    public ConversationState State { get; }

    /// <summary>Everything the assistant said this turn, as plain text, for conversation memory.</summary>
    public string Said => string.Join("\n", _said);

    /// <summary>Set by "forget me": this turn must not write the conversation back.</summary>
    public bool Forgotten { get; private set; }

    public void MarkForgotten() => Forgotten = true;

    /// <summary>Whether this turn showed a new-ticket form (files sent with it wait for the ticket).</summary>
    public bool ShowedForm { get; private set; }

    /// <summary>
    /// The best knowledge score the answer was built on (0 when nothing matched): set by the extractive answer and by the
    /// model's <c>search_knowledge</c> tool; null when no search answered this turn.
    /// </summary>
    public double? BestKnowledgeScore { get; set; }

    public void Text(string text)
    {
        _pending.Add(new TextEvent(text));
        _said.Add(text);
    }

    public void Notice(string text) => _pending.Add(new NoticeEvent(text));

    public void Card(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _pending.Add(new CardEvent(card));
        _said.Add(card.ToPlainText());
        ShowedForm |= card is TicketFormCard;
        if (card is TicketCard ticket)
        {
            State.Mention(ticket.TicketId);
        }
    }

    public void Emit(AgentEvent agentEvent) => _pending.Add(agentEvent);

    /// <summary>Keeps text that streamed as deltas in memory without emitting another event.</summary>
    public void Remember(string text) => _said.Add(text);

    /// <summary>Hands over the events produced since the last call; tools add cards while a model streams.</summary>
    public IReadOnlyList<AgentEvent> Drain()
    {
        if (_pending.Count == 0)
        {
            return [];
        }

        var events = _pending.ToArray();
        _pending.Clear();
        return events;
    }
}
