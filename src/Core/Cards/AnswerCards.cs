namespace MspSupport.Core.Cards;

/// <summary>Builds answer cards with their feedback and "create a ticket from this" buttons.</summary>
public static class AnswerCards
{
    public static AnswerCard Answer(string text, IReadOnlyList<NumberedCitation> citations, bool isExcerpt) => new()
    {
        Text = text,
        Citations = citations,
        IsExcerpt = isExcerpt,
        Actions =
        [
            new CardButton("Helpful", CardVerbs.Feedback, new Dictionary<string, string> { ["helpful"] = "yes" }),
            new CardButton("Not helpful", CardVerbs.Feedback, new Dictionary<string, string> { ["helpful"] = "no" }),
            CardButton.Plain("Create a ticket from this", CardVerbs.TicketFromAnswer),
            CardButton.Plain("I need a human", CardVerbs.Escalate),
        ],
    };
}
