namespace MspSupport.Core.Handoff;

/// <summary>Who answers the customer in a handed-off conversation.</summary>
public enum HandoffMode
{
    /// <summary>The assistant answers (before escalation, and after a hand back or a close).</summary>
    Assistant,

    /// <summary>A technician answers; the assistant stays quiet and relays the customer's messages to the triage thread.</summary>
    Human,
}
