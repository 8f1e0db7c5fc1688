using MspSupport.Core.Tickets;

namespace MspSupport.Core.Cards;

/// <summary>
/// A form to file a new ticket or edit one, pre-filled. After a bad submission it comes back with the values the
/// user typed and <see cref="FieldErrors"/> (wire field names → messages) so nothing typed is lost.
/// </summary>
public sealed record TicketFormCard : Card
{
    public required TicketFormMode Mode { get; init; }

    /// <summary>The ticket being edited; null for a new one.</summary>
    public string? TicketId { get; init; }

    /// <summary>The version the edit was read at, sent back so a concurrent change is noticed.</summary>
    public long? Version { get; init; }

    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Priority { get; init; } = TicketPriority.Medium.Name();
    public string Category { get; init; } = TicketCategory.General.Name();

    /// <summary>Staff file tickets for a customer and must say which; customers never see this field.</summary>
    public bool AsksForCustomer { get; init; }
    public string CustomerId { get; init; } = "";

    public IReadOnlyList<string> Priorities { get; init; } = TicketNames.Priorities;
    public IReadOnlyList<string> Categories { get; init; } = TicketNames.Categories;

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; init; } = new Dictionary<string, string[]>();

    public override string ToPlainText()
    {
        var head = Mode == TicketFormMode.New ? "New ticket form" : $"Edit form for {TicketId}";
        var errors = FieldErrors.Count == 0 ? "" : " Please fix: " + string.Join(" ", FieldErrors.SelectMany(e => e.Value));
        return $"{head}: {Title} ({Priority}, {Category}).{errors}";
    }
}
