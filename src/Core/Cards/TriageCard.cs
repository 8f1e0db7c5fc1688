namespace MspSupport.Core.Cards;

/// <summary>
/// A handed-off ticket as technicians see it in their triage channel: who asks and why, who answers now, the recent
/// notes (internal ones included: this card only ever goes to staff), a draft waiting for review, the last failed
/// delivery, and the boxes and buttons to work the ticket. Drawn with a refresh action so that every viewer sees
/// the current state.
/// </summary>
public sealed record TriageCard : Card
{
    public required string TicketId { get; init; }
    public required string Title { get; init; }
    public required string CustomerId { get; init; }
    public required string Requester { get; init; }

    /// <summary>The customer's channel (<c>web</c>, <c>slack</c>, <c>teams</c>).</summary>
    public required string CustomerChannel { get; init; }

    public required string Status { get; init; }
    public required string Priority { get; init; }
    public required string Reason { get; init; }

    /// <summary>True while a technician answers; false once handed back to the assistant.</summary>
    public required bool WithTechnician { get; init; }

    public string? Owner { get; init; }
    public bool Review { get; init; }
    public bool Closed { get; init; }
    public IReadOnlyList<TicketNoteView> Notes { get; init; } = [];

    /// <summary>The assistant's draft for a review customer, with its id and sources.</summary>
    public string? DraftId { get; init; }
    public string? DraftText { get; init; }
    public IReadOnlyList<NumberedCitation> DraftCitations { get; init; } = [];

    public string? LastDeliveryError { get; init; }

    /// <summary>What the last action did ("Reply sent to the customer.").</summary>
    public string? Headline { get; init; }

    /// <summary>The verb and data of the card's refresh action (Universal Actions).</summary>
    public CardButton? Refresh { get; init; }

    /// <summary>
    /// The Teams users (AAD object ids) whose clients refresh the card by themselves when they see it: the technicians
    /// who acted on it, then the MSP's technicians and admins; at most 60, as Teams allows.
    /// </summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];

    public IReadOnlyList<string> Statuses { get; init; } = [];
    public IReadOnlyList<string> Priorities { get; init; } = [];

    public override string ToPlainText()
    {
        var who = WithTechnician ? $"with {Owner ?? "a technician (unassigned)"}" : "with the assistant";
        var draft = DraftText is null ? "" : $" Draft waiting for review: {DraftText}";
        var failed = LastDeliveryError is null ? "" : $" Delivery failed: {LastDeliveryError}";
        return $"{(Headline is null ? "" : Headline + " ")}Handoff {TicketId} \"{Title}\" for {Requester} ({CustomerId}, {CustomerChannel}): {Status}, {Priority}, {who}. Reason: {Reason}.{draft}{failed}";
    }
}
