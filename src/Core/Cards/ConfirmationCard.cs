namespace MspSupport.Core.Cards;

/// <summary>
/// A change the assistant proposes but does not make until the user confirms: the Confirm button carries
/// <see cref="CardVerbs.Confirm"/> and the pending change's id.
/// </summary>
public sealed record ConfirmationCard : Card
{
    public required string Question { get; init; }
    public required string PendingId { get; init; }

    public override string ToPlainText() => Question;
}
