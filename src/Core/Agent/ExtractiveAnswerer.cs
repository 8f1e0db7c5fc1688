using System.Text;
using MspSupport.Core.Cards;
using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Agent;

/// <summary>
/// The answer without a model: the best knowledge-base passages, quoted and numbered, clearly marked as an
/// excerpt. Used when no model is configured and when a model fails.
/// </summary>
public sealed class ExtractiveAnswerer
{
    private const int Passages = 3;
    private const int PassageChars = 500;
    private readonly KnowledgeSearch? _search;

    public ExtractiveAnswerer(KnowledgeSearch? search = null) => _search = search;

    public async Task AnswerAsync(TurnContext context, string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var passages = _search is null ? [] : await _search.SearchAsync(question, null, Passages, cancellationToken);
        context.State.LastQuestion = question;
        context.BestKnowledgeScore = passages.Count == 0 ? 0 : passages.Max(p => p.Score);
        if (passages.Count == 0)
        {
            context.Text("I couldn't find anything about that in the knowledge base. I can file a ticket so a technician looks at it.");
            context.Card(new AnswerCard
            {
                Text = "No matching knowledge-base article.",
                Actions = [CardButton.Plain("Create a ticket from this", CardVerbs.TicketFromAnswer)],
            });
            return;
        }

        var citations = passages.Select((p, i) => Numbered(i + 1, p.Citation)).ToList();
        var text = new StringBuilder("Excerpt from the knowledge base (quoted, not a written answer):\n");
        for (var i = 0; i < passages.Count; i++)
        {
            text.Append('\n').Append('[').Append(i + 1).Append("] ").Append(passages[i].Citation.Title);
            if (!string.IsNullOrWhiteSpace(passages[i].Citation.SectionPath))
            {
                text.Append(" — ").Append(passages[i].Citation.SectionPath);
            }

            text.Append('\n').Append(Clip(passages[i].Text)).Append('\n');
        }

        var answer = text.ToString().TrimEnd();
        context.State.LastAnswer = answer;
        context.Card(AnswerCards.Answer(answer, citations, isExcerpt: true));
        context.Emit(new CitationsEvent(citations));
    }

    public static NumberedCitation Numbered(int number, Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        return new NumberedCitation(number, citation.Title, citation.SectionPath, citation.Link);
    }

    private static string Clip(string text)
    {
        var flat = text.Trim();
        return flat.Length <= PassageChars ? flat : flat[..PassageChars].TrimEnd() + " …";
    }
}
