using MspSupport.Core.Notifications;

namespace MspSupport.Core.Handoff;

/// <summary>
/// A ticket in a technician's hands (or handed back): whose conversation it is and how to reach it, who answers
/// now, the triage card in Teams, a draft waiting for review, and the card actions already done (so that a double
/// click or a re-sent invoke does nothing twice). Stored per ticket, found again by the customer's conversation.
/// </summary>
public sealed record HandoffCase
{
    public const int MaxProcessedActions = 50;

    /// <summary>Teams refreshes a card by itself for at most this many users (<c>refresh.userIds</c>).</summary>
    public const int MaxRefreshUsers = 60;

    public required string TicketId { get; init; }
    public required string CustomerId { get; init; }

    /// <summary>The agent's conversation id (<c>web:...</c>, <c>teams:...</c>, <c>slack:...</c>).</summary>
    public required string ConversationId { get; init; }

    /// <summary>Where the customer is reached; null when the turn came from no channel (then nothing can be delivered).</summary>
    public ConversationReference? Customer { get; init; }

    /// <summary><see cref="Identity.CallerIdentity.Key"/> of the customer who escalated.</summary>
    public required string RequesterKey { get; init; }

    public required string RequesterName { get; init; }

    public HandoffMode Mode { get; init; } = HandoffMode.Human;

    /// <summary>The technician who took the ticket, if anyone has.</summary>
    public string? Owner { get; init; }

    public required string Reason { get; init; }

    /// <summary>The customer is on the review list: the assistant drafts, a technician approves.</summary>
    public bool Review { get; init; }

    public PendingDraft? Draft { get; init; }

    public TriageThread? Triage { get; init; }

    /// <summary>Ids of card actions already applied, newest last (bounded).</summary>
    public IReadOnlyList<string> ProcessedActions { get; init; } = [];

    /// <summary>Teams users (AAD object ids) of the staff who acted on the triage card, most recent last (bounded).</summary>
    public IReadOnlyList<string> Technicians { get; init; } = [];

    /// <summary>Why the last message to the customer did not arrive; cleared by the next delivery that does.</summary>
    public string? LastDeliveryError { get; init; }

    /// <summary>The ticket was closed from the card; the case stays for the record but is no longer reused.</summary>
    public bool Closed { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>0 before the first save; grows by one with every save.</summary>
    public long Version { get; init; }

    public bool HasProcessed(string? actionId) => actionId is not null && ProcessedActions.Contains(actionId, StringComparer.Ordinal);

    /// <summary>Remembers a Teams technician who acted, so the card keeps refreshing for them.</summary>
    public HandoffCase WithTechnician(Identity.CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller is { IsStaff: true, Channel: "teams" } && (Technicians.Count == 0 || Technicians[^1] != caller.UserId)
            ? this with { Technicians = [.. Technicians.Where(t => t != caller.UserId).Append(caller.UserId).TakeLast(MaxRefreshUsers)] }
            : this;
    }

    public HandoffCase WithProcessed(string? actionId) => actionId is null ? this : this with
    {
        ProcessedActions = [.. ProcessedActions.Append(actionId).TakeLast(MaxProcessedActions)],
    };
}
