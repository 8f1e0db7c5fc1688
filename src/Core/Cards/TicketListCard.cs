namespace MspSupport.Core.Cards;

/// <summary>Tickets the caller may see; each row opens with <see cref="CardVerbs.TicketShow"/>.</summary>
public sealed record TicketListCard : Card
{
    public required string Heading { get; init; }
    public IReadOnlyList<TicketSummary> Items { get; init; } = [];

    /// <summary>True when more tickets match than the card shows.</summary>
    public bool HasMore { get; init; }

    public override string ToPlainText() => Items.Count == 0
        ? $"{Heading}: none."
        : $"{Heading}: " + string.Join("; ", Items.Select(i => $"{i.TicketId} \"{i.Title}\" ({i.Status}, {i.Priority})"));
}
