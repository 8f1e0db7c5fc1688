using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>Builds valid tickets for store tests, with ids and times the test controls.</summary>
internal static class TestTickets
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static Ticket New(
        string customerId = "contoso",
        TicketStatus status = TicketStatus.Open,
        TicketPriority priority = TicketPriority.Medium,
        TicketCategory category = TicketCategory.General,
        DateTimeOffset? createdAt = null,
        string? title = null)
    {
        var at = createdAt ?? Epoch;
        return new Ticket
        {
            TicketId = TicketIds.New(at),
            Title = title ?? "Printer on floor 2 shows offline",
            Description = "Since this morning nobody can print.",
            Status = status,
            Priority = priority,
            Category = category,
            CustomerId = customerId,
            CreatedAt = at,
            UpdatedAt = at,
            CreatedBy = "alice@contoso.example",
            Source = TicketSource.Api,
            Version = 1,
        };
    }

    /// <summary>An idempotency claim made at <paramref name="at"/> (default <see cref="Epoch"/>) that lives a day.</summary>
    public static IdempotencyClaim Claim(string key, string fingerprint, DateTimeOffset? at = null)
    {
        var claimedAt = at ?? Epoch;
        return new IdempotencyClaim(key, fingerprint, claimedAt, claimedAt.AddHours(24));
    }

    public static TicketNote Note(string text, bool isInternal = false, DateTimeOffset? at = null) => new()
    {
        NoteId = Guid.NewGuid().ToString("N")[..12],
        Author = "tech.bob",
        Text = text,
        CreatedAt = at ?? Epoch.AddMinutes(5),
        Internal = isInternal,
    };
}
