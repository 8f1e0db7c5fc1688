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
/// Handoff cases as items of the sessions table. <c>HANDOFFCONV#{conversationId}</c> holds every case started from
/// that conversation, each as attributes <c>Case:{ticketId}</c> (the case as JSON) and <c>Version:{ticketId}</c>,
/// plus <c>Newest</c> (the ticket of the newest case). Creating or changing a case is one conditional UpdateItem on that
/// item, so the case and the conversation's pointer to it can never disagree. <c>HANDOFF#{ticketId}</c> only names the
/// ticket's conversation; it never changes once written, and is written before the case, so it may name a
/// conversation whose case write failed (then the ticket reads as having no case, which is the truth). Neither item
/// has a UserId or an ExpiresAt: they stay out of UserIndex ("forget me" lists) and live as long as their tickets need
/// them. One conversation's cases share one item (at most 400 KB), enough for dozens of escalations.
/// </summary>
/// <remarks>
/// Not TransactWriteItems: dynalite, the DynamoDB the tests run against, answers it with UnknownOperationException,
/// and a layout whose every change is one item needs no transaction on real DynamoDB either.
/// </remarks>
public sealed class DynamoDbHandoffStore : IHandoffStore
{
    public const string CasePrefix = "HANDOFF#";
    public const string ConversationPrefix = "HANDOFFCONV#";

    private const string ConversationId = "ConversationId";
    private const string Newest = "Newest";
    private const string CaseAttribute = "Case:";
    private const string VersionAttribute = "Version:";

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
        var alias = await GetItemAsync(CasePrefix + ticketId, cancellationToken);
        if (alias is null || !alias.TryGetValue(ConversationId, out var conversation) || conversation.S is not { } conversationId)
        {
            return null;
        }

        var item = await GetItemAsync(ConversationPrefix + conversationId, cancellationToken);
        return item is null ? null : Read(item, ticketId);
    }

    public async Task<HandoffCase?> FindByConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var item = await GetItemAsync(ConversationPrefix + conversationId, cancellationToken);
        return item is not null && item.TryGetValue(Newest, out var newest) && newest.S is { } ticketId
            ? Read(item, ticketId)
            : null;
    }

    public async Task<bool> SaveAsync(HandoffCase handoff, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        if (expectedVersion == 0 && !await ClaimTicketAsync(handoff, cancellationToken))
        {
            return false; // the ticket's case was started from another conversation
        }

        var stored = handoff with { Version = expectedVersion + 1 };
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = Items.Key(ConversationPrefix + handoff.ConversationId),
            ExpressionAttributeNames = new()
            {
                ["#case"] = CaseAttribute + handoff.TicketId,
                ["#version"] = VersionAttribute + handoff.TicketId,
            },
            ExpressionAttributeValues = new()
            {
                [":case"] = Items.Str(JsonSerializer.Serialize(stored, HandoffJsonContext.Default.HandoffCase)),
                [":next"] = Items.Number(stored.Version),
            },
        };
        if (expectedVersion == 0)
        {
            request.UpdateExpression = "SET #case = :case, #version = :next, #newest = :ticket";
            request.ConditionExpression = "attribute_not_exists(#version)";
            request.ExpressionAttributeNames["#newest"] = Newest;
            request.ExpressionAttributeValues[":ticket"] = Items.Str(handoff.TicketId);
        }
        else
        {
            request.UpdateExpression = "SET #case = :case, #version = :next";
            request.ConditionExpression = "#version = :expected";
            request.ExpressionAttributeValues[":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) };
        }

        try
        {
            await _dynamo.UpdateItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Names the ticket's conversation; a retry of the same start passes, another conversation does not.</summary>
    private async Task<bool> ClaimTicketAsync(HandoffCase handoff, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [Items.SessionId] = Items.Str(CasePrefix + handoff.TicketId),
                    [ConversationId] = Items.Str(handoff.ConversationId),
                },
                ConditionExpression = "attribute_not_exists(#sid) OR #conversation = :conversation",
                ExpressionAttributeNames = new() { ["#sid"] = Items.SessionId, ["#conversation"] = ConversationId },
                ExpressionAttributeValues = new() { [":conversation"] = Items.Str(handoff.ConversationId) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = Items.Key(key), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    // A stored case that does not read back is a bug or a hand edit, not an expected failure.
    private static HandoffCase? Read(Dictionary<string, AttributeValue> item, string ticketId)
    {
        if (!item.TryGetValue(CaseAttribute + ticketId, out var body))
        {
            return null;
        }

        return body.S is { } json
            ? JsonSerializer.Deserialize(json, HandoffJsonContext.Default.HandoffCase) ?? throw Malformed(item, ticketId)
            : throw Malformed(item, ticketId);
    }

    private static InvalidDataException Malformed(Dictionary<string, AttributeValue> item, string ticketId) =>
        new($"DynamoDB sessions item '{(item.TryGetValue(Items.SessionId, out var id) ? id.S : "?")}' is malformed: attribute '{CaseAttribute}{ticketId}' is not a handoff case.");
}
