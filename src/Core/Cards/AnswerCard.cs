namespace MspSupport.Core.Cards;

/// <summary>
/// An answer to a question with its numbered sources, feedback buttons and "create a ticket from this".
/// <see cref="IsExcerpt"/> marks an answer made of quoted passages without a model.
/// </summary>
public sealed record AnswerCard : Card
{
    public required string Text { get; init; }
    public IReadOnlyList<NumberedCitation> Citations { get; init; } = [];
    public bool IsExcerpt { get; init; }

    public override string ToPlainText() => Text;
}
