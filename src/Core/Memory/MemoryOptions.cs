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

    /// <summary>
    /// How many conversations the embedded (SQLite) store keeps in memory after saving them, so that a conversation's
    /// next turn does not read and parse it from the file again; the least recently used leave first. 0 turns it off.
    /// A full conversation takes some kilobytes to some tens of kilobytes, so the default is some megabytes to some tens.
    /// DynamoDB is read every turn: its instances share conversations.
    /// </summary>
    public int RecentConversations { get; set; } = 1000;
}
