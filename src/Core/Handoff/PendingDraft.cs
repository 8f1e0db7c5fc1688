using MspSupport.Core.Cards;

namespace MspSupport.Core.Handoff;

/// <summary>An answer the assistant drafted for a review customer: it reaches the customer only once a technician approves it.</summary>
public sealed record PendingDraft(string Id, string Text, IReadOnlyList<NumberedCitation> Citations, string Question);
