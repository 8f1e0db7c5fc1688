namespace MspSupport.Core.Handoff;

/// <summary>A technicians' channel triage cards are posted to (Teams: the Bot Connector service URL and the channel id).</summary>
public sealed class TriageTarget
{
    public string? ServiceUrl { get; set; }

    /// <summary>The channel's conversation id, like <c>19:abc@thread.tacv2</c>.</summary>
    public string? ConversationId { get; set; }

    public string? TenantId { get; set; }
}
