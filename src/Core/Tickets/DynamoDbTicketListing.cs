using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Items = MspSupport.Core.Tickets.DynamoDbTicketItems;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Pages of tickets, newest first, from the table's indexes and never from a scan. A customer's tickets come
/// from one CustomerIndex partition, one status's from one StatusIndex partition; a listing without either
/// merges the four StatusIndex partitions, keeping one cursor position per partition.
/// </summary>
/// <remarks>
/// The indexes sort by CreatedAt only, and DynamoDB does not promise an order among items with the same
/// CreatedAt. So a partition is read from a key condition (<c>CreatedAt &lt;= position</c>), the tickets of the
/// position's millisecond that were already returned are dropped by id, and a millisecond's tickets are handed
/// out only once all of them have been read and sorted by id. Pages then neither repeat nor skip tickets,
/// whatever order DynamoDB keeps ties in, and no key from outside is ever passed to DynamoDB.
/// </remarks>
internal sealed class DynamoDbTicketListing(IAmazonDynamoDB dynamo, string table)
{
    public const int MaxLimit = 1000;

    // Filters drop items after DynamoDB has read them, so filtered queries read bigger pages to need fewer round trips.
    private const int FilteredPageSize = 100;

    public async Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxLimit);
        if (query.CustomerId is { Length: 0 })
        {
            // An empty customer must never widen into "every customer".
            throw new ArgumentException("CustomerId cannot be empty; leave it null to list every customer.", nameof(query));
        }

        var readers = Partitions(query)
            .Select(p => new PartitionReader(dynamo, table, p, PageSize(query.Limit, p.Filter), Start(query.After, p.CursorKey)))
            .ToList();

        // The first page of every partition is needed before the first ticket can be picked; fetch them together.
        await Task.WhenAll(readers.Select(r => r.PeekAsync(cancellationToken)));

        var items = new List<Ticket>(Math.Min(query.Limit, 100));
        while (items.Count < query.Limit)
        {
            PartitionReader? newest = null;
            foreach (var reader in readers)
            {
                var head = await reader.PeekAsync(cancellationToken);
                if (head is not null && (newest is null || IsNewer(head, newest.Head!)))
                {
                    newest = reader;
                }
            }

            if (newest is null)
            {
                break;
            }

            items.Add(newest.Take());
        }

        // Looking one ticket ahead in every partition tells whether there is a next page at all.
        await Task.WhenAll(readers.Select(r => r.PeekAsync(cancellationToken)));
        if (readers.All(r => r.Head is null))
        {
            return new TicketPage(items, null);
        }

        var positions = new Dictionary<string, TicketCursorPosition>(StringComparer.Ordinal);
        foreach (var reader in readers)
        {
            if (reader.Position is { } position)
            {
                positions[reader.Partition.CursorKey] = position;
            }
        }

        return new TicketPage(items, new TicketCursor { Positions = positions });
    }

    private static IEnumerable<Partition> Partitions(TicketQuery query)
    {
        var filter = new Filter();
        if (query.CustomerId is not null)
        {
            filter.Add("#status", Items.Status, query.Status?.Name());
            filter.Add("#priority", Items.Priority, query.Priority?.Name());
            filter.Add("#category", Items.Category, query.Category?.Name());
            yield return new Partition(TicketCursor.WholeList, DynamoDbTicketTable.CustomerIndex, Items.CustomerId, query.CustomerId, filter);
            yield break;
        }

        filter.Add("#priority", Items.Priority, query.Priority?.Name());
        filter.Add("#category", Items.Category, query.Category?.Name());
        if (query.Status is { } status)
        {
            yield return new Partition(TicketCursor.WholeList, DynamoDbTicketTable.StatusIndex, Items.Status, status.Name(), filter);
            yield break;
        }

        foreach (var name in TicketNames.Statuses)
        {
            yield return new Partition(name, DynamoDbTicketTable.StatusIndex, Items.Status, name, filter);
        }
    }

    // One more than the page so that the look-ahead usually needs no second request.
    private static int PageSize(int limit, Filter filter) =>
        filter.IsEmpty ? limit + 1 : Math.Max(limit + 1, FilteredPageSize);

    private static TicketCursorPosition? Start(TicketCursor? after, string cursorKey) =>
        after is not null && after.Positions.TryGetValue(cursorKey, out var position) ? position : null;

    private static bool IsNewer(Entry a, Entry b)
    {
        var byTime = string.CompareOrdinal(a.CreatedAt, b.CreatedAt);
        return byTime != 0 ? byTime > 0 : string.CompareOrdinal(a.Ticket.TicketId, b.Ticket.TicketId) > 0;
    }

    private sealed record Entry(Ticket Ticket, string CreatedAt);

    private sealed record Partition(string CursorKey, string IndexName, string HashAttribute, string HashValue, Filter Filter);

    /// <summary>Equality conditions on non-key attributes, joined with AND.</summary>
    private sealed class Filter
    {
        private readonly List<(string Placeholder, string Attribute, string Value)> _terms = [];

        public bool IsEmpty => _terms.Count == 0;

        public void Add(string placeholder, string attribute, string? value)
        {
            if (value is not null)
            {
                _terms.Add((placeholder, attribute, value));
            }
        }

        public void ApplyTo(QueryRequest request)
        {
            if (IsEmpty)
            {
                return;
            }

            request.FilterExpression = string.Join(" AND ", _terms.Select(t => $"{t.Placeholder} = :{t.Placeholder[1..]}"));
            foreach (var (placeholder, attribute, value) in _terms)
            {
                request.ExpressionAttributeNames[placeholder] = attribute;
                request.ExpressionAttributeValues[":" + placeholder[1..]] = new AttributeValue { S = value };
            }
        }
    }

    /// <summary>Reads one index partition newest first, buffering what DynamoDB returned beyond what was taken.</summary>
    private sealed class PartitionReader
    {
        private static readonly Comparison<Entry> NewestFirst = (a, b) => IsNewer(a, b) ? -1 : IsNewer(b, a) ? 1 : 0;

        private readonly IAmazonDynamoDB _dynamo;
        private readonly string _table;
        private readonly int _pageSize;
        private readonly TicketCursorPosition? _start;
        private readonly string? _startCreatedAt;
        private readonly List<Entry> _buffer = [];
        private int _next;
        private Dictionary<string, AttributeValue>? _continueFrom;
        private string? _readThrough;
        private bool _done;
        private Ticket? _lastTaken;

        public PartitionReader(IAmazonDynamoDB dynamo, string table, Partition partition, int pageSize, TicketCursorPosition? start)
        {
            _dynamo = dynamo;
            _table = table;
            _pageSize = pageSize;
            Partition = partition;
            _done = start == TicketCursor.Exhausted;
            _start = _done ? null : start;
            _startCreatedAt = _start is null ? null : Items.FormatTime(_start.CreatedAt);
        }

        public Partition Partition { get; }

        /// <summary>The next ticket of this partition, valid after <see cref="PeekAsync"/>; null when it has none left.</summary>
        public Entry? Head => _next < _buffer.Count ? _buffer[_next] : null;

        /// <summary>Where the next page resumes in this partition; null to start it from the top.</summary>
        public TicketCursorPosition? Position =>
            Head is null ? TicketCursor.Exhausted
            : _lastTaken is not null ? TicketCursorPosition.Of(_lastTaken)
            : _start;

        public async Task<Entry?> PeekAsync(CancellationToken cancellationToken)
        {
            // A millisecond's tickets are complete once DynamoDB has read past that millisecond.
            while (!_done && (Head is null || string.CompareOrdinal(Head.CreatedAt, _readThrough) <= 0))
            {
                await FetchAsync(cancellationToken);
            }

            return Head;
        }

        public Ticket Take()
        {
            var entry = Head ?? throw new InvalidOperationException("Nothing to take; peek first.");
            _next++;
            _lastTaken = entry.Ticket;
            return entry.Ticket;
        }

        private async Task FetchAsync(CancellationToken cancellationToken)
        {
            var request = new QueryRequest
            {
                TableName = _table,
                IndexName = Partition.IndexName,
                ScanIndexForward = false,
                Limit = _pageSize,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = Partition.HashAttribute },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = Partition.HashValue } },
                ExclusiveStartKey = _continueFrom,
            };
            if (_startCreatedAt is not null)
            {
                request.KeyConditionExpression += " AND #created <= :start";
                request.ExpressionAttributeNames["#created"] = Items.CreatedAt;
                request.ExpressionAttributeValues[":start"] = new AttributeValue { S = _startCreatedAt };
            }

            Partition.Filter.ApplyTo(request);
            var response = await _dynamo.QueryAsync(request, cancellationToken);

            foreach (var item in response.Items ?? [])
            {
                var ticket = Items.ToTicket(item);
                var createdAt = item[Items.CreatedAt].S;
                if (!AlreadyListed(ticket, createdAt))
                {
                    _buffer.Add(new Entry(ticket, createdAt));
                }
            }

            // This key came from DynamoDB within this same listing, not from the caller.
            _continueFrom = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            _done = _continueFrom is null;
            _readThrough = _continueFrom?[Items.CreatedAt].S;
            _buffer.Sort(_next, _buffer.Count - _next, Comparer<Entry>.Create(NewestFirst));
        }

        private bool AlreadyListed(Ticket ticket, string createdAt) =>
            _start is not null
            && string.Equals(createdAt, _startCreatedAt, StringComparison.Ordinal)
            && string.CompareOrdinal(ticket.TicketId, _start.TicketId) >= 0;
    }
}
