using System.Text;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// A model answer being received: its deltas, then its whole text and citations, and the cards or notices that
/// arrived meanwhile (sent after the answer, so that a stream is never interrupted by another message).
/// </summary>
internal sealed class StreamedAnswer
{
    public StringBuilder Deltas { get; } = new();

    /// <summary>The whole answer, as the agent states it after the last delta.</summary>
    public string? Text { get; set; }

    public IReadOnlyList<NumberedCitation> Citations { get; set; } = [];

    public List<AgentEvent> Held { get; } = [];

    /// <summary>Deltas came, the whole text not yet.</summary>
    public bool InProgress => Deltas.Length > 0 && Text is null;

    public bool Complete => Text is not null;
}
