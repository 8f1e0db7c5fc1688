using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using Items = MspSupport.Core.Tickets.DynamoDbTicketItems;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Tickets in one DynamoDB table (see <see cref="DynamoDbTicketTable"/>), through the low-level API only.
/// Writes are conditional puts, so concurrent writers are settled by DynamoDB, not by this process.
/// Throttling and service errors pass through untouched; the API host turns them into 503.
/// </summary>
public sealed class DynamoDbTicketStore : ITicketStore
{
    private const string NotExists = "attribute_not_exists(#id)";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly bool _createTables;
    private readonly bool _localPeer;
    private readonly DynamoDbTicketListing _listing;

    public DynamoDbTicketStore(IAmazonDynamoDB dynamo, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(options);
        _dynamo = dynamo;
        _table = options.Value.DynamoDb.TicketsTable;
        _createTables = options.Value.DynamoDb.CreateTables;
        _localPeer = !string.IsNullOrWhiteSpace(options.Value.DynamoDb.ServiceUrl);
        _listing = new DynamoDbTicketListing(dynamo, _table);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        DynamoDbTicketTable.EnsureAsync(_dynamo, _table, _createTables, _localPeer, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        _dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, cancellationToken);

    public async Task<Ticket?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        if (!IsTicketKey(ticketId))
        {
            return null;
        }

        var item = await GetItemAsync(ticketId, cancellationToken);
        return item is null ? null : Items.ToTicket(item);
    }

    public async Task<CreateResult> CreateAsync(Ticket ticket, IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!IsTicketKey(ticket.TicketId))
        {
            throw new ArgumentException($"'{TicketRules.Shorten(ticket.TicketId)}' cannot be used as a ticket id.", nameof(ticket));
        }

        if (idempotency is null)
        {
            return await TryPutNewAsync(Items.ToItem(ticket), cancellationToken)
                ? CreateResult.Created(ticket)
                : CreateResult.IdTaken;
        }

        // Without transactions (dynalite has none) the key is claimed first and the ticket written second.
        // Every step is a conditional write, so a crash or a concurrent duplicate at any point leaves a state
        // that the next attempt with the same key can finish; a few rounds settle even an id collision.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryClaimAsync(idempotency, ticket, cancellationToken))
            {
                return await CreateClaimedAsync(ticket, idempotency, cancellationToken);
            }

            var claimItem = await GetItemAsync(Items.IdempotencyPrefix + idempotency.Key, cancellationToken);
            if (claimItem is null)
            {
                continue; // released by a create that lost an id collision: claim it afresh
            }

            var claim = Items.ToClaim(claimItem);
            if (claim.HasExpiredAt(idempotency.ClaimedAt))
            {
                continue; // expired between our claim attempt and the read: the next attempt overwrites it
            }
            if (!string.Equals(claim.Fingerprint, idempotency.Fingerprint, StringComparison.Ordinal))
            {
                return CreateResult.KeyReused;
            }

            if (await ReplayAsync(claim, idempotency, cancellationToken) is { } replayed)
            {
                return replayed;
            }
        }

        throw new InvalidOperationException("The idempotency key kept changing hands; try the request again.");
    }

    public async Task<WriteStatus> ReplaceAsync(Ticket ticket, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!IsTicketKey(ticket.TicketId))
        {
            return WriteStatus.NotFound;
        }

        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = Items.ToItem(ticket),
                ConditionExpression = "attribute_exists(#id) AND #version = :expected",
                ExpressionAttributeNames = new() { ["#id"] = Items.TicketId, ["#version"] = Items.Version },
                ExpressionAttributeValues = new() { [":expected"] = Number(expectedVersion) },
            }, cancellationToken);
            return WriteStatus.Done;
        }
        catch (ConditionalCheckFailedException)
        {
            return await WhyRefusedAsync(ticket.TicketId, cancellationToken);
        }
    }

    public async Task<WriteStatus> DeleteAsync(string ticketId, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (!IsTicketKey(ticketId))
        {
            return WriteStatus.NotFound;
        }

        var request = new DeleteItemRequest
        {
            TableName = _table,
            Key = Items.Key(ticketId),
            ConditionExpression = "attribute_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = Items.TicketId },
        };
        if (expectedVersion is { } expected)
        {
            request.ConditionExpression += " AND #version = :expected";
            request.ExpressionAttributeNames["#version"] = Items.Version;
            request.ExpressionAttributeValues = new() { [":expected"] = Number(expected) };
        }

        try
        {
            await _dynamo.DeleteItemAsync(request, cancellationToken);
            return WriteStatus.Done;
        }
        catch (ConditionalCheckFailedException)
        {
            return expectedVersion is null ? WriteStatus.NotFound : await WhyRefusedAsync(ticketId, cancellationToken);
        }
    }

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken) =>
        _listing.ListAsync(query, cancellationToken);

    /// <summary>Writes the ticket for a key this call has just claimed.</summary>
    private async Task<CreateResult> CreateClaimedAsync(Ticket ticket, IdempotencyClaim idempotency, CancellationToken cancellationToken)
    {
        if (await TryPutNewAsync(Items.ToItem(ticket), cancellationToken))
        {
            await MarkCompletedAsync(idempotency, cancellationToken);
            return CreateResult.Created(ticket);
        }

        // The id is taken: either a duplicate request replayed our claim and wrote this very ticket first,
        // or an unrelated ticket holds the id. In the second case give the key back so the caller can retry.
        var stored = await GetAsync(ticket.TicketId, cancellationToken);
        if (stored is not null && IsSameTicket(stored, ticket))
        {
            await MarkCompletedAsync(idempotency, cancellationToken);
            return CreateResult.Created(stored);
        }

        await ReleaseClaimAsync(idempotency, ticket.TicketId, cancellationToken);
        return CreateResult.IdTaken;
    }

    /// <summary>Answers a repeated key with its ticket; null when the claim was released and must be taken afresh.</summary>
    private async Task<CreateResult?> ReplayAsync(Items.StoredClaim claim, IdempotencyClaim idempotency, CancellationToken cancellationToken)
    {
        var claimed = claim.Ticket;
        var stored = await GetAsync(claimed.TicketId, cancellationToken);
        if (stored is null && !claim.Completed)
        {
            // The first request stopped between its two writes: finish its work, once, from the record.
            if (await TryPutNewAsync(Items.ToItem(claimed), cancellationToken))
            {
                await MarkCompletedAsync(idempotency, cancellationToken);
                return CreateResult.Replayed(claimed);
            }

            stored = await GetAsync(claimed.TicketId, cancellationToken);
        }

        if (stored is not null && IsSameTicket(stored, claimed))
        {
            if (!claim.Completed)
            {
                await MarkCompletedAsync(idempotency, cancellationToken);
            }

            return CreateResult.Replayed(stored);
        }

        if (claim.Completed)
        {
            // The ticket was created and has since been deleted: a replay must not bring it back.
            return CreateResult.Replayed(claimed);
        }

        // An unrelated ticket holds the claimed id, so the claim's ticket can never be written under it.
        await ReleaseClaimAsync(idempotency, claimed.TicketId, cancellationToken);
        return null;
    }

    private async Task MarkCompletedAsync(IdempotencyClaim idempotency, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = Items.Key(Items.IdempotencyPrefix + idempotency.Key),
                UpdateExpression = "SET #completed = :true",
                ConditionExpression = "attribute_exists(#id)",
                ExpressionAttributeNames = new() { ["#id"] = Items.TicketId, ["#completed"] = Items.Completed },
                ExpressionAttributeValues = new() { [":true"] = new AttributeValue { BOOL = true } },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // The record is gone; there is nothing left to mark.
        }
    }

    private async Task ReleaseClaimAsync(IdempotencyClaim idempotency, string claimedTicketId, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table,
                Key = Items.Key(Items.IdempotencyPrefix + idempotency.Key),
                // Only our own claim: another request may already have claimed the key again for a new id.
                ConditionExpression = "#fingerprint = :fingerprint AND #claimed = :claimed",
                ExpressionAttributeNames = new() { ["#fingerprint"] = Items.Fingerprint, ["#claimed"] = Items.ClaimedTicketId },
                ExpressionAttributeValues = new()
                {
                    [":fingerprint"] = new AttributeValue { S = idempotency.Fingerprint },
                    [":claimed"] = new AttributeValue { S = claimedTicketId },
                },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone else holds the key now; theirs to keep.
        }
    }

    /// <summary>
    /// Writes the claim record unless a live one holds the key. A record past its ExpiresAt (TTL reaps it, but up to
    /// days late) or one written before records expired is overwritten: the key is free again.
    /// </summary>
    private async Task<bool> TryClaimAsync(IdempotencyClaim idempotency, Ticket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = Items.ToClaimItem(idempotency, ticket),
                ConditionExpression = "attribute_not_exists(#id) OR attribute_not_exists(#expires) OR #expires <= :now",
                ExpressionAttributeNames = new() { ["#id"] = Items.TicketId, ["#expires"] = Items.ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = Number(idempotency.ClaimedAt.ToUnixTimeSeconds()) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<bool> TryPutNewAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = item,
                ConditionExpression = NotExists,
                ExpressionAttributeNames = new() { ["#id"] = Items.TicketId },
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
        // Strongly consistent: a ticket must be readable right after the write that created or changed it.
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Items.Key(key),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task<WriteStatus> WhyRefusedAsync(string ticketId, CancellationToken cancellationToken) =>
        await GetItemAsync(ticketId, cancellationToken) is null ? WriteStatus.NotFound : WriteStatus.VersionConflict;

    // Ticket ids never carry the idempotency prefix, so a caller can never read or overwrite a record by naming it.
    private static bool IsTicketKey(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 1024 && !Items.IsReservedKey(id);

    // The fields a ticket is born with and keeps: enough to tell the ticket a claim wrote from an unrelated one with the same id.
    private static bool IsSameTicket(Ticket stored, Ticket claimed) =>
        string.Equals(stored.TicketId, claimed.TicketId, StringComparison.Ordinal)
        && string.Equals(stored.CustomerId, claimed.CustomerId, StringComparison.Ordinal)
        && string.Equals(stored.CreatedBy, claimed.CreatedBy, StringComparison.Ordinal)
        && Items.FormatTime(stored.CreatedAt) == Items.FormatTime(claimed.CreatedAt);

    private static AttributeValue Number(long value) =>
        new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
