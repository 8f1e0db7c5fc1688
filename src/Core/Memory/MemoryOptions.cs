namespace MspSupport.Core.Memory;

/// <summary>How long memory is kept. Bound from the <c>Memory</c> section; validated at start-up.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>
    /// A conversation idle for this many days is forgotten: every save moves its expiry this far ahead, and once it
    /// passes the conversation reads as absent (DynamoDB's TTL removes the item some time later).
    /// </summary>
    public int ConversationTtlDays { get; set; } = 30;
}
