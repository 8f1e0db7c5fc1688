using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using Items = MspSupport.Core.Memory.DynamoDbSessionItems;

namespace MspSupport.Core.Handoff;

/// <summary>
/// Handoff cases as items of the sessions table: <c>HANDOFF#{ticketId}</c> holds the case as JSON with its
/// <c>Version</c> (writes are conditional on it), <c>HANDOFFCONV#{conversationId}</c> points at the conversation's
/// newest case. Neither has a UserId or an ExpiresAt: they stay out of UserIndex ("forget me" lists) and live as long
/// as their ticket needs them.
/// </summary>
public sealed class DynamoDbHandoffStore : IHandoffStore
{
    public const string CasePrefix = "HANDOFF#";
    public const string ConversationPrefix = "HANDOFFCONV#";

    private const string Body = "Body";
    private const string TicketId = "TicketId";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly StorageOptions _storage;

    public DynamoDbHandoffStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(storage);
        _dynamo = dynamo;
        _storage = storage.Value;
        _table = _storage.DynamoDb.SessionsTable;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbSessionsTable.EnsureAsync(_dynamo, _storage, cancellationToken);

    public async Task<HandoffCase?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        var item = await GetItemAsync(CasePrefix + ticketId, cancellationToken);
        return item is null ? null : Read(item);
    }

    public async Task<HandoffCase?> FindByConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var pointer = await GetItemAsync(ConversationPrefix + conversationId, cancellationToken);
        return pointer is not null && pointer.TryGetValue(TicketId, out var id) && id.S is { } ticketId
            ? await GetAsync(ticketId, cancellationToken)
            : null;
    }

    public async Task<bool> SaveAsync(HandoffCase handoff, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var stored = handoff with { Version = expectedVersion + 1 };
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [Items.SessionId] = Items.Str(CasePrefix + handoff.TicketId),
            [TicketId] = Items.Str(handoff.TicketId),
            [Items.Version] = Items.Number(stored.Version),
            [Body] = Items.Str(JsonSerializer.Serialize(stored, HandoffJsonContext.Default.HandoffCase)),
        };
        var request = new PutItemRequest { TableName = _table, Item = item, ExpressionAttributeNames = new() { ["#sid"] = Items.SessionId } };
        if (expectedVersion == 0)
        {
            request.ConditionExpression = "attribute_not_exists(#sid)";
        }
        else
        {
            request.ConditionExpression = "#v = :expected";
            request.ExpressionAttributeNames["#v"] = Items.Version;
            request.ExpressionAttributeNames.Remove("#sid");
            request.ExpressionAttributeValues = new() { [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) } };
        }

        try
        {
            await _dynamo.PutItemAsync(request, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }

        if (expectedVersion == 0)
        {
            // Written after the case, so a pointer never names a case that is not there; the newest case wins.
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [Items.SessionId] = Items.Str(ConversationPrefix + handoff.ConversationId),
                    [TicketId] = Items.Str(handoff.TicketId),
                },
            }, cancellationToken);
        }

        return true;
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = Items.Key(key), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    // A stored item that does not read back is a bug or a hand edit, not an expected failure.
    private static HandoffCase Read(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(Body, out var body) && body.S is { } json
            ? JsonSerializer.Deserialize(json, HandoffJsonContext.Default.HandoffCase) ?? throw Malformed(item)
            : throw Malformed(item);

    private static InvalidDataException Malformed(Dictionary<string, AttributeValue> item) =>
        new($"DynamoDB sessions item '{(item.TryGetValue(Items.SessionId, out var id) ? id.S : "?")}' is malformed: attribute '{Body}' is missing or not a handoff case.");
}
