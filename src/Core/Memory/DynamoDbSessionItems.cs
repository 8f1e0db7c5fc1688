using System.Globalization;
using Amazon.DynamoDBv2.Model;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Memory;

/// <summary>
/// Conversations and long-term memories as items of the sessions table, written by hand against the low-level API
/// (Core is AOT-compatible; the SDK's object mapper relies on reflection).
/// </summary>
internal static class DynamoDbSessionItems
{
    public const string SessionId = "SessionId";
    public const string UserId = "UserId";
    public const string ExpiresAt = "ExpiresAt";

    public const string Messages = "Messages";
    public const string State = "State";
    public const string Version = "Version";
    public const string UpdatedAt = "UpdatedAt";

    public const string MessageRole = "Role";
    public const string MessageText = "Text";
    public const string MessageAt = "At";
    public const string MessageAuthor = "Author";

    /// <summary>
    /// Long-term memories share the table under this key prefix, with the actor as UserId so that UserIndex finds
    /// both kinds for "forget me". Conversation ids are channel ids and never start with it.
    /// </summary>
    public const string MemoryPrefix = "MEMORY#";
    public const string Namespace = "Namespace";
    public const string MemoryId = "MemoryId";
    public const string Text = "Text";
    public const string At = "At";

    public static bool IsMemoryKey(string sessionId) => sessionId.StartsWith(MemoryPrefix, StringComparison.Ordinal);

    public static string MemoryKey(string namespacePath, string id) => $"{MemoryPrefix}{namespacePath}#{id}";

    public static Dictionary<string, AttributeValue> Key(string sessionId) => new(StringComparer.Ordinal)
    {
        [SessionId] = new AttributeValue { S = sessionId },
    };

    public static Dictionary<string, AttributeValue> ToItem(Conversation conversation, long expiresAt) => new(StringComparer.Ordinal)
    {
        [SessionId] = Str(conversation.ConversationId),
        [UserId] = Str(conversation.UserId),
        [Messages] = new AttributeValue { L = conversation.Messages.Select(ToMessage).ToList() },
        [State] = new AttributeValue { M = conversation.State.ToDictionary(p => p.Key, p => Str(p.Value), StringComparer.Ordinal) },
        [Version] = Number(conversation.Version),
        [UpdatedAt] = Str(UtcTimestamp.ToText(conversation.UpdatedAt)),
        [ExpiresAt] = Number(expiresAt),
    };

    public static Conversation ToConversation(Dictionary<string, AttributeValue> item)
    {
        var id = Required(item, SessionId, "?");
        return new Conversation
        {
            ConversationId = id,
            UserId = Required(item, UserId, id),
            Messages = item.TryGetValue(Messages, out var messages) && messages.L is { } list
                ? list.Select(m => ToMessage(m, id)).ToList()
                : [],
            State = item.TryGetValue(State, out var state) && state.M is { } map
                ? map.ToDictionary(p => p.Key, p => p.Value.S ?? throw Corrupt(id, State), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
            Version = RequiredNumber(item, Version, id),
            UpdatedAt = Time(Required(item, UpdatedAt, id), id, UpdatedAt),
        };
    }

    public static Dictionary<string, AttributeValue> ToItem(MemoryItem memory) => new(StringComparer.Ordinal)
    {
        [SessionId] = Str(MemoryKey(memory.Namespace, memory.Id)),
        [UserId] = Str(memory.ActorId),
        [Namespace] = Str(memory.Namespace),
        [MemoryId] = Str(memory.Id),
        [Text] = Str(memory.Text),
        [At] = Str(UtcTimestamp.ToText(memory.At)),
    };

    public static MemoryItem ToMemory(Dictionary<string, AttributeValue> item)
    {
        var key = Required(item, SessionId, "?");
        return new MemoryItem
        {
            Namespace = Required(item, Namespace, key),
            Id = Required(item, MemoryId, key),
            ActorId = Required(item, UserId, key),
            Text = Required(item, Text, key),
            At = Time(Required(item, At, key), key, At),
        };
    }

    /// <summary>Epoch seconds, or null for an item that never expires (memories).</summary>
    public static long? ExpiresAtOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(ExpiresAt, out var value) && value.N is { } n
            ? long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;

    public static AttributeValue Str(string value) => new() { S = value };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue ToMessage(ConversationMessage message)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [MessageRole] = Str(message.Role),
            [MessageText] = Str(message.Text),
            [MessageAt] = Str(UtcTimestamp.ToText(message.At)),
        };
        if (message.Author is not null)
        {
            map[MessageAuthor] = Str(message.Author);
        }

        return new AttributeValue { M = map };
    }

    private static ConversationMessage ToMessage(AttributeValue value, string id)
    {
        var map = value.M ?? throw Corrupt(id, Messages);
        return new ConversationMessage(
            Required(map, MessageRole, id),
            Required(map, MessageText, id),
            Time(Required(map, MessageAt, id), id, Messages),
            map.TryGetValue(MessageAuthor, out var author) ? author.S : null);
    }

    private static string Required(Dictionary<string, AttributeValue> item, string name, string id) =>
        item.TryGetValue(name, out var value) && value.S is { } s ? s : throw Corrupt(id, name);

    private static long RequiredNumber(Dictionary<string, AttributeValue> item, string name, string id) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Corrupt(id, name);

    private static DateTimeOffset Time(string text, string id, string attribute) =>
        UtcTimestamp.TryParse(text, out var value) ? value : throw Corrupt(id, attribute);

    // A stored item that does not read back is a bug or a hand edit, not an expected failure.
    private static InvalidDataException Corrupt(string id, string attribute) =>
        new($"DynamoDB sessions item '{id}' is malformed: attribute '{attribute}' is missing or not what it should be.");
}
