using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Notifications;

/// <summary>
/// Conversation references as items of the sessions table (see <see cref="DynamoDbSessionsTable"/>): key
/// <c>TICKETREF#{ticketId}</c>, the reference's fields as attributes, the requester under <c>RequesterId</c>. There is
/// deliberately no UserId and no ExpiresAt: the item stays out of UserIndex, so "forget me" and the memory listings
/// never see it, and it lives as long as the ticket needs it rather than as long as a conversation.
/// </summary>
public sealed class DynamoDbConversationReferenceStore : IConversationReferenceStore
{
    public const string KeyPrefix = "TICKETREF#";

    private const string TicketId = "TicketId";
    private const string Channel = "Channel";
    private const string ConversationId = "ConversationId";
    private const string ServiceUrl = "ServiceUrl";
    private const string ThreadId = "ThreadId";
    private const string BotId = "BotId";
    private const string RequesterId = "RequesterId";
    private const string TenantId = "TenantId";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly StorageOptions _storage;

    public DynamoDbConversationReferenceStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(storage);
        _dynamo = dynamo;
        _table = storage.Value.DynamoDb.SessionsTable;
        _storage = storage.Value;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbSessionsTable.EnsureAsync(_dynamo, _storage, cancellationToken);

    public async Task SaveAsync(string ticketId, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        ArgumentNullException.ThrowIfNull(reference);
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = ToItem(ticketId, reference),
                ConditionExpression = "attribute_not_exists(#sid)",
                ExpressionAttributeNames = new() { ["#sid"] = Items.SessionId },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // The ticket already has its reference; the first one stays.
        }
    }

    public async Task<bool> AttachThreadAsync(string ticketId, string channel, string conversationId, string threadId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(threadId);
        try
        {
            await _dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = Items.Key(Key(ticketId)),
                UpdateExpression = "SET #thread = :thread",
                ConditionExpression = "attribute_exists(#sid) AND #channel = :channel AND #conversation = :conversation AND attribute_not_exists(#thread)",
                ExpressionAttributeNames = new()
                {
                    ["#sid"] = Items.SessionId,
                    ["#thread"] = ThreadId,
                    ["#channel"] = Channel,
                    ["#conversation"] = ConversationId,
                },
                ExpressionAttributeValues = new()
                {
                    [":thread"] = Items.Str(threadId),
                    [":channel"] = Items.Str(channel),
                    [":conversation"] = Items.Str(conversationId),
                },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false; // no reference, another conversation's, or a thread already
        }
    }

    public async Task<ConversationReference?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Items.Key(Key(ticketId)),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? ToReference(item) : null;
    }

    private static string Key(string ticketId) => KeyPrefix + ticketId;

    private static Dictionary<string, AttributeValue> ToItem(string ticketId, ConversationReference reference)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [Items.SessionId] = Items.Str(Key(ticketId)),
            [TicketId] = Items.Str(ticketId),
            [Channel] = Items.Str(reference.Channel),
            [ConversationId] = Items.Str(reference.ConversationId),
            [RequesterId] = Items.Str(reference.UserId),
        };
        AddOptional(item, ServiceUrl, reference.ServiceUrl);
        AddOptional(item, ThreadId, reference.ThreadId);
        AddOptional(item, BotId, reference.BotId);
        AddOptional(item, TenantId, reference.TenantId);
        return item;
    }

    private static void AddOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = Items.Str(value);
        }
    }

    private static ConversationReference ToReference(Dictionary<string, AttributeValue> item)
    {
        var key = Required(item, Items.SessionId, "?");
        return new ConversationReference
        {
            Channel = Required(item, Channel, key),
            ConversationId = Required(item, ConversationId, key),
            ServiceUrl = Optional(item, ServiceUrl),
            ThreadId = Optional(item, ThreadId),
            BotId = Optional(item, BotId),
            UserId = Required(item, RequesterId, key),
            TenantId = Optional(item, TenantId),
        };
    }

    private static string? Optional(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    // A stored item that does not read back is a bug or a hand edit, not an expected failure.
    private static string Required(Dictionary<string, AttributeValue> item, string name, string key) =>
        item.TryGetValue(name, out var value) && value.S is { } s
            ? s
            : throw new InvalidDataException($"DynamoDB sessions item '{key}' is malformed: attribute '{name}' is missing or not what it should be.");
}
