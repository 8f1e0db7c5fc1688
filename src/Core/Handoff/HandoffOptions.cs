namespace MspSupport.Core.Handoff;

/// <summary>
/// Escalation to a technician (section <c>Handoff</c>). On when <c>Handoff:Triage:Default:ConversationId</c> is set;
/// validated at start-up by <see cref="HandoffOptionsValidator"/>.
/// </summary>
public sealed class HandoffOptions
{
    public const string Section = "Handoff";

    public TriageOptions Triage { get; set; } = new();

    /// <summary>Customers whose assistant answers a technician approves before they are sent (during a handoff).</summary>
    public List<string> ReviewCustomers { get; set; } = [];

    /// <summary>"Not helpful" presses in one conversation after which the assistant asks a technician.</summary>
    public int NotHelpfulLimit { get; set; } = 2;

    /// <summary>Best knowledge score (fused) below which the assistant treats a question as unanswered; 0 = only when nothing matched.</summary>
    public double MinAnswerScore { get; set; }

    /// <summary>Attempts to deliver a technician's reply to the customer before the failure is shown on the card.</summary>
    public int DeliveryAttempts { get; set; } = 3;

    public int DeliveryRetryDelayMilliseconds { get; set; } = 500;

    public bool Enabled => !string.IsNullOrWhiteSpace(Triage.Default.ConversationId);

    public bool IsReviewed(string? customerId) =>
        customerId is not null && ReviewCustomers.Contains(customerId, StringComparer.OrdinalIgnoreCase);
}
