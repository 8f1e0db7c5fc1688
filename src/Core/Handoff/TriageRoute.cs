namespace MspSupport.Core.Handoff;

/// <summary>Sends the triage cards of one customer and/or category to a channel of its own; the first matching route wins.</summary>
public sealed class TriageRoute
{
    public string? CustomerId { get; set; }

    /// <summary>A ticket category (Network, Hardware, Software, Security, General).</summary>
    public string? Category { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ConversationId { get; set; }

    public bool Matches(string customerId, string category) =>
        (CustomerId is null || string.Equals(CustomerId, customerId, StringComparison.OrdinalIgnoreCase)) &&
        (Category is null || string.Equals(Category, category, StringComparison.OrdinalIgnoreCase));
}
