using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>
/// What only the DynamoDB store has to get right: the item layout, idempotency without transactions, and
/// listings merged from index partitions. Every test gets its own table on a real dynalite.
/// </summary>
public sealed class DynamoDbTicketStoreTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    [Fact]
    public async Task Created_ticket_reads_back_with_every_field()
    {
        var (store, _) = await NewStoreAsync();
        var ticket = NewTicket(T0.AddMilliseconds(123), TicketStatus.InProgress) with
        {
            Description = "VPN drops every 10 minutes",
            AssignedTo = "tech-7",
            Notes =
            [
                new TicketNote { NoteId = "n1", Author = "tech-7", Text = "Checked the tunnel.", CreatedAt = T0.AddMinutes(1), Internal = true },
                new TicketNote { NoteId = "n2", Author = "alice", Text = "Still dropping.", CreatedAt = T0.AddMinutes(2) },
            ],
        };

        var created = await store.CreateAsync(ticket, null, CancellationToken.None);
        var read = await store.GetAsync(ticket.TicketId, CancellationToken.None);

        Assert.Equal(CreateStatus.Created, created.Status);
        AssertSameTicket(ticket, read);
    }

    [Fact]
    public async Task Stored_item_uses_canonical_names_and_sortable_utc_times()
    {
        var (store, table) = await NewStoreAsync();
        var ticket = NewTicket(new DateTimeOffset(2026, 3, 2, 11, 30, 0, 45, TimeSpan.FromHours(2)), TicketStatus.InProgress);

        await store.CreateAsync(ticket, null, CancellationToken.None);
        var item = (await dynalite.Client.GetItemAsync(table, new() { ["TicketId"] = new AttributeValue { S = ticket.TicketId } })).Item;

        Assert.Equal("In Progress", item["Status"].S);
        Assert.Equal("2026-03-02T09:30:00.045Z", item["CreatedAt"].S);
        Assert.Equal("1", item["Version"].N);
        Assert.False(item.ContainsKey("AssignedTo"));
        Assert.Empty(item["Notes"].L);
    }

    [Fact]
    public async Task Creating_an_existing_id_returns_id_taken_and_keeps_the_first_ticket()
    {
        var (store, _) = await NewStoreAsync();
        var first = NewTicket(T0);
        await store.CreateAsync(first, null, CancellationToken.None);

        var second = await store.CreateAsync(first with { Title = "Another" }, null, CancellationToken.None);

        Assert.Equal(CreateStatus.IdTaken, second.Status);
        Assert.Equal("Printer jam", (await store.GetAsync(first.TicketId, CancellationToken.None))?.Title);
    }

    [Fact]
    public async Task Replace_with_the_current_version_stores_the_new_ticket()
    {
        var (store, _) = await NewStoreAsync();
        var ticket = NewTicket(T0);
        await store.CreateAsync(ticket, null, CancellationToken.None);
        var changed = ticket with { Status = TicketStatus.Resolved, Version = 2, UpdatedAt = T0.AddHours(1) };

        var status = await store.ReplaceAsync(changed, 1, CancellationToken.None);

        Assert.Equal(WriteStatus.Done, status);
        AssertSameTicket(changed, await store.GetAsync(ticket.TicketId, CancellationToken.None));
    }

    [Fact]
    public async Task Stale_version_update_returns_conflict()
    {
        var (store, _) = await NewStoreAsync();
        var ticket = NewTicket(T0);
        await store.CreateAsync(ticket, null, CancellationToken.None);
        await store.ReplaceAsync(ticket with { Title = "First edit", Version = 2 }, 1, CancellationToken.None);

        var status = await store.ReplaceAsync(ticket with { Title = "Lost edit", Version = 2 }, 1, CancellationToken.None);

        Assert.Equal(WriteStatus.VersionConflict, status);
        Assert.Equal("First edit", (await store.GetAsync(ticket.TicketId, CancellationToken.None))?.Title);
    }

    [Fact]
    public async Task Replacing_a_missing_ticket_returns_not_found_and_creates_nothing()
    {
        var (store, _) = await NewStoreAsync();
        var ticket = NewTicket(T0);

        var status = await store.ReplaceAsync(ticket with { Version = 2 }, 1, CancellationToken.None);

        Assert.Equal(WriteStatus.NotFound, status);
        Assert.Null(await store.GetAsync(ticket.TicketId, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_checks_the_version_only_when_given()
    {
        var (store, _) = await NewStoreAsync();
        var a = NewTicket(T0);
        var b = NewTicket(T0.AddSeconds(1));
        await store.CreateAsync(a, null, CancellationToken.None);
        await store.CreateAsync(b, null, CancellationToken.None);

        Assert.Equal(WriteStatus.VersionConflict, await store.DeleteAsync(a.TicketId, 7, CancellationToken.None));
        Assert.NotNull(await store.GetAsync(a.TicketId, CancellationToken.None));
        Assert.Equal(WriteStatus.Done, await store.DeleteAsync(a.TicketId, 1, CancellationToken.None));
        Assert.Equal(WriteStatus.Done, await store.DeleteAsync(b.TicketId, null, CancellationToken.None));
        Assert.Null(await store.GetAsync(a.TicketId, CancellationToken.None));
        Assert.Equal(WriteStatus.NotFound, await store.DeleteAsync(a.TicketId, null, CancellationToken.None));
        Assert.Equal(WriteStatus.NotFound, await store.DeleteAsync(b.TicketId, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Repeated_idempotency_key_replays_the_first_ticket_and_writes_nothing()
    {
        var (store, _) = await NewStoreAsync();
        var claim = TestTickets.Claim("key-1", "fingerprint-1");
        var first = NewTicket(T0);
        var retry = NewTicket(T0.AddSeconds(3));

        var created = await store.CreateAsync(first, claim, CancellationToken.None);
        var replayed = await store.CreateAsync(retry, claim, CancellationToken.None);

        Assert.Equal(CreateStatus.Created, created.Status);
        Assert.Equal(CreateStatus.Replayed, replayed.Status);
        AssertSameTicket(first, replayed.Ticket);
        Assert.Null(await store.GetAsync(retry.TicketId, CancellationToken.None));
        Assert.Single((await store.ListAsync(new TicketQuery(), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_exactly_one_ticket()
    {
        var (store, _) = await NewStoreAsync();
        var claim = TestTickets.Claim("key-1", "fingerprint-1");
        var attempts = Enumerable.Range(0, 8).Select(i => NewTicket(T0.AddMilliseconds(i))).ToList();

        var results = await Task.WhenAll(attempts.Select(t => store.CreateAsync(t, claim, CancellationToken.None)));

        Assert.Equal(1, results.Count(r => r.Status == CreateStatus.Created));
        Assert.Equal(7, results.Count(r => r.Status == CreateStatus.Replayed));
        var winner = Assert.Single(results.Select(r => r.Ticket?.TicketId).Distinct());
        var listed = await store.ListAsync(new TicketQuery(), CancellationToken.None);
        Assert.Equal([winner], listed.Items.Select(t => t.TicketId));
    }

    [Fact]
    public async Task Replay_returns_the_ticket_as_it_is_now()
    {
        var (store, _) = await NewStoreAsync();
        var claim = TestTickets.Claim("key-1", "fingerprint-1");
        var first = NewTicket(T0);
        await store.CreateAsync(first, claim, CancellationToken.None);
        var edited = first with { Title = "Printer jam on floor 2", Version = 2 };
        await store.ReplaceAsync(edited, 1, CancellationToken.None);

        var replayed = await store.CreateAsync(NewTicket(T0.AddSeconds(1)), claim, CancellationToken.None);

        Assert.Equal(CreateStatus.Replayed, replayed.Status);
        AssertSameTicket(edited, replayed.Ticket);
    }

    [Fact]
    public async Task Key_reused_for_a_different_request_is_refused()
    {
        var (store, _) = await NewStoreAsync();
        var first = NewTicket(T0);
        await store.CreateAsync(first, TestTickets.Claim("key-1", "fingerprint-1"), CancellationToken.None);
        var other = NewTicket(T0.AddSeconds(1)) with { Title = "Something else" };

        var result = await store.CreateAsync(other, TestTickets.Claim("key-1", "fingerprint-2"), CancellationToken.None);

        Assert.Equal(CreateStatus.KeyReused, result.Status);
        Assert.Null(result.Ticket);
        Assert.Null(await store.GetAsync(other.TicketId, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_recorded_without_its_ticket_is_materialized_once()
    {
        var (store, table) = await NewStoreAsync();
        var claim = TestTickets.Claim("key-crash", "fingerprint-1");
        var lost = NewTicket(T0);
        // What a request leaves behind when it dies between claiming the key and writing the ticket.
        await dynalite.Client.PutItemAsync(table, DynamoDbTicketItems.ToClaimItem(claim, lost));

        var replayed = await store.CreateAsync(NewTicket(T0.AddSeconds(5)), claim, CancellationToken.None);
        await store.ReplaceAsync(lost with { Title = "Edited after recovery", Version = 2 }, 1, CancellationToken.None);
        var again = await store.CreateAsync(NewTicket(T0.AddSeconds(9)), claim, CancellationToken.None);

        Assert.Equal(CreateStatus.Replayed, replayed.Status);
        AssertSameTicket(lost, replayed.Ticket);
        Assert.Equal(CreateStatus.Replayed, again.Status);
        Assert.Equal(2, again.Ticket?.Version);
        Assert.Equal("Edited after recovery", (await store.GetAsync(lost.TicketId, CancellationToken.None))?.Title);
        Assert.Single((await store.ListAsync(new TicketQuery(), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Replay_after_the_ticket_was_deleted_does_not_bring_it_back()
    {
        var (store, _) = await NewStoreAsync();
        var claim = TestTickets.Claim("key-1", "fingerprint-1");
        var first = NewTicket(T0);
        await store.CreateAsync(first, claim, CancellationToken.None);
        await store.DeleteAsync(first.TicketId, null, CancellationToken.None);

        var replayed = await store.CreateAsync(NewTicket(T0.AddSeconds(1)), claim, CancellationToken.None);

        Assert.Equal(CreateStatus.Replayed, replayed.Status);
        Assert.Equal(first.TicketId, replayed.Ticket?.TicketId);
        Assert.Null(await store.GetAsync(first.TicketId, CancellationToken.None));
    }

    [Fact]
    public async Task Claimed_id_taken_by_another_ticket_releases_the_key_for_a_retry()
    {
        var (store, _) = await NewStoreAsync();
        var existing = NewTicket(T0);
        await store.CreateAsync(existing, null, CancellationToken.None);
        var claim = TestTickets.Claim("key-1", "fingerprint-1");
        var colliding = NewTicket(T0.AddSeconds(1)) with { TicketId = existing.TicketId };
        var retry = NewTicket(T0.AddSeconds(1));

        var taken = await store.CreateAsync(colliding, claim, CancellationToken.None);
        var created = await store.CreateAsync(retry, claim, CancellationToken.None);

        Assert.Equal(CreateStatus.IdTaken, taken.Status);
        Assert.Equal(CreateStatus.Created, created.Status);
        AssertSameTicket(retry, await store.GetAsync(retry.TicketId, CancellationToken.None));
        AssertSameTicket(existing, await store.GetAsync(existing.TicketId, CancellationToken.None));
    }

    [Fact]
    public async Task Idempotency_records_are_invisible_to_reads_writes_and_listings()
    {
        var (store, _) = await NewStoreAsync();
        var ticket = NewTicket(T0);
        await store.CreateAsync(ticket, TestTickets.Claim("key-1", "fingerprint-1"), CancellationToken.None);

        Assert.Null(await store.GetAsync("IDEMPOTENCY#key-1", CancellationToken.None));
        Assert.Equal(WriteStatus.NotFound, await store.DeleteAsync("IDEMPOTENCY#key-1", null, CancellationToken.None));
        var everything = await store.ListAsync(new TicketQuery { Limit = 100 }, CancellationToken.None);
        Assert.Equal([ticket.TicketId], everything.Items.Select(t => t.TicketId));
    }

    [Fact]
    public async Task Missing_table_fails_start_up_with_the_setting_name_when_creation_is_off()
    {
        var options = dynalite.StorageOptionsFor(dynalite.NewTableName("Missing")).Value;
        options.DynamoDb.CreateTables = false;
        var store = new DynamoDbTicketStore(dynalite.Client, Options.Create(options));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains("Storage:DynamoDb:TicketsTable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_without_the_indexes_fails_start_up_naming_what_is_missing()
    {
        var table = dynalite.NewTableName("NoIndexes");
        var bare = DynamoDbTicketTable.CreateRequest(table);
        bare.GlobalSecondaryIndexes = null;
        bare.AttributeDefinitions = [.. bare.AttributeDefinitions.Where(a => a.AttributeName == "TicketId")];
        await dynalite.Client.CreateTableAsync(bare);
        var store = new DynamoDbTicketStore(dynalite.Client, dynalite.StorageOptionsFor(table));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains("CustomerIndex, StatusIndex", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DynamoDb:TicketsTable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialization_is_safe_to_repeat_and_ping_answers()
    {
        var (store, table) = await NewStoreAsync();
        var again = new DynamoDbTicketStore(dynalite.Client, dynalite.StorageOptionsFor(table));

        await again.InitializeAsync(CancellationToken.None);
        await store.PingAsync(CancellationToken.None);

        var description = (await dynalite.Client.DescribeTableAsync(table)).Table;
        Assert.Equal(["CustomerIndex", "StatusIndex"], description.GlobalSecondaryIndexes.Select(i => i.IndexName).Order());
    }

    [Fact]
    public async Task Customer_listing_holds_only_that_customer_newest_first()
    {
        var (store, _) = await NewStoreAsync();
        var mine = new List<Ticket>();
        for (var i = 0; i < 12; i++)
        {
            var ticket = NewTicket(T0.AddMinutes(i), (TicketStatus)(i % 4), customer: i % 3 == 0 ? "other-co" : "contoso");
            await store.CreateAsync(ticket, null, CancellationToken.None);
            if (ticket.CustomerId == "contoso")
            {
                mine.Add(ticket);
            }
        }

        var listed = await WalkAsync(store, new TicketQuery { CustomerId = "contoso", Limit = 3 });

        Assert.Equal(NewestFirst(mine), listed);
    }

    [Fact]
    public async Task Status_listing_holds_only_that_status_newest_first()
    {
        var (store, _) = await NewStoreAsync();
        var open = new List<Ticket>();
        for (var i = 0; i < 12; i++)
        {
            var ticket = NewTicket(T0.AddMinutes(i), i % 2 == 0 ? TicketStatus.Open : TicketStatus.Closed, customer: $"c{i % 3}");
            await store.CreateAsync(ticket, null, CancellationToken.None);
            if (ticket.Status == TicketStatus.Open)
            {
                open.Add(ticket);
            }
        }

        var listed = await WalkAsync(store, new TicketQuery { Status = TicketStatus.Open, Limit = 4 });

        Assert.Equal(NewestFirst(open), listed);
    }

    [Fact]
    public async Task Unfiltered_listing_merges_every_status_in_pages_without_repeats_or_gaps()
    {
        var (store, _) = await NewStoreAsync();
        var all = new List<Ticket>();
        for (var i = 0; i < 37; i++)
        {
            // Every fifth ticket shares its millisecond with the one before, so ties are ordered by id across statuses.
            var at = T0.AddSeconds(i - (i % 5 == 4 ? 1 : 0)).AddMilliseconds(7);
            var ticket = NewTicket(at, (TicketStatus)((i * 7) % 4), customer: $"c{i % 4}");
            await store.CreateAsync(ticket, null, CancellationToken.None);
            all.Add(ticket);
        }

        var pages = await PagesAsync(store, new TicketQuery { Limit = 10 });

        Assert.Equal([10, 10, 10, 7], pages.Select(p => p.Count));
        Assert.Equal(NewestFirst(all), pages.SelectMany(p => p));
    }

    [Fact]
    public async Task Tickets_created_in_the_same_millisecond_page_in_id_order()
    {
        var (store, _) = await NewStoreAsync();
        var all = new List<Ticket>();
        for (var i = 0; i < 23; i++)
        {
            var ticket = NewTicket(T0, i % 3 == 0 ? TicketStatus.Resolved : TicketStatus.Open);
            await store.CreateAsync(ticket, null, CancellationToken.None);
            all.Add(ticket);
        }

        var merged = await WalkAsync(store, new TicketQuery { Limit = 4 });
        var open = await WalkAsync(store, new TicketQuery { Status = TicketStatus.Open, Limit = 3 });

        Assert.Equal(NewestFirst(all), merged);
        Assert.Equal(NewestFirst(all.Where(t => t.Status == TicketStatus.Open)), open);
    }

    [Fact]
    public async Task Filters_that_match_rarely_still_fill_pages_across_many_query_pages()
    {
        var (store, _) = await NewStoreAsync();
        var critical = new List<Ticket>();
        for (var i = 0; i < 230; i++)
        {
            var priority = i % 19 == 0 ? TicketPriority.Critical : TicketPriority.Low;
            var ticket = NewTicket(T0.AddSeconds(i), (TicketStatus)(i % 4), priority: priority);
            await store.CreateAsync(ticket, null, CancellationToken.None);
            if (priority == TicketPriority.Critical)
            {
                critical.Add(ticket);
            }
        }

        var byCustomer = await PagesAsync(store, new TicketQuery { CustomerId = "contoso", Priority = TicketPriority.Critical, Limit = 5 });
        var everywhere = await PagesAsync(store, new TicketQuery { Priority = TicketPriority.Critical, Limit = 5 });

        Assert.Equal([5, 5, 3], byCustomer.Select(p => p.Count));
        Assert.Equal(NewestFirst(critical), byCustomer.SelectMany(p => p));
        Assert.Equal([5, 5, 3], everywhere.Select(p => p.Count));
        Assert.Equal(NewestFirst(critical), everywhere.SelectMany(p => p));
    }

    [Fact]
    public async Task Last_full_page_says_there_is_nothing_more()
    {
        var (store, _) = await NewStoreAsync();
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(NewTicket(T0.AddSeconds(i), (TicketStatus)(i % 2)), null, CancellationToken.None);
        }

        var first = await store.ListAsync(new TicketQuery { Limit = 3 }, CancellationToken.None);
        var second = await store.ListAsync(new TicketQuery { Limit = 3, After = first.Next }, CancellationToken.None);

        Assert.NotNull(first.Next);
        Assert.Equal(3, second.Items.Count);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Merged_cursor_marks_partitions_with_nothing_left_as_exhausted()
    {
        var (store, _) = await NewStoreAsync();
        for (var i = 0; i < 4; i++)
        {
            await store.CreateAsync(NewTicket(T0.AddSeconds(i), TicketStatus.Open), null, CancellationToken.None);
        }

        await store.CreateAsync(NewTicket(T0.AddSeconds(10), TicketStatus.Closed), null, CancellationToken.None);

        var page = await store.ListAsync(new TicketQuery { Limit = 2 }, CancellationToken.None);

        var positions = page.Next?.Positions ?? throw new InvalidOperationException("Expected a next page.");
        Assert.Equal(TicketCursor.Exhausted, positions["Closed"]);
        Assert.Equal(TicketCursor.Exhausted, positions["In Progress"]);
        Assert.Equal(TicketCursor.Exhausted, positions["Resolved"]);
        Assert.Equal(page.Items[1].TicketId, positions["Open"].TicketId);
    }

    private async Task<(DynamoDbTicketStore Store, string Table)> NewStoreAsync()
    {
        var table = dynalite.NewTableName(nameof(DynamoDbTicketStoreTests));
        var store = new DynamoDbTicketStore(dynalite.Client, dynalite.StorageOptionsFor(table));
        await store.InitializeAsync(CancellationToken.None);
        return (store, table);
    }

    private Ticket NewTicket(
        DateTimeOffset createdAt,
        TicketStatus status = TicketStatus.Open,
        string customer = "contoso",
        TicketPriority priority = TicketPriority.Medium)
    {
        string id;
        do
        {
            id = TicketIds.New(createdAt);
        }
        while (!_ids.Add(id));

        return new Ticket
        {
            TicketId = id,
            Title = "Printer jam",
            Status = status,
            Priority = priority,
            Category = TicketCategory.Hardware,
            CustomerId = customer,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            CreatedBy = "alice",
            Source = TicketSource.Teams,
            Version = 1,
        };
    }

    private static IEnumerable<string> NewestFirst(IEnumerable<Ticket> tickets) =>
        tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.TicketId, StringComparer.Ordinal).Select(t => t.TicketId);

    private static async Task<List<string>> WalkAsync(DynamoDbTicketStore store, TicketQuery query) =>
        (await PagesAsync(store, query)).SelectMany(p => p).ToList();

    /// <summary>Walks every page the way the API does, passing the cursor through its opaque wire form.</summary>
    private static async Task<List<List<string>>> PagesAsync(DynamoDbTicketStore store, TicketQuery query)
    {
        const string queryKey = "test-query";
        var pages = new List<List<string>>();
        while (pages.Count < 100)
        {
            var page = await store.ListAsync(query, CancellationToken.None);
            pages.Add(page.Items.Select(t => t.TicketId).ToList());
            if (page.Next is null)
            {
                Assert.All(pages.SelectMany(p => p).GroupBy(id => id), g => Assert.Single(g));
                return pages;
            }

            Assert.True(TicketCursor.TryDecode(page.Next.Encode(queryKey), queryKey, out var after));
            query = query with { After = after };
        }

        throw new InvalidOperationException("The listing never ended.");
    }

    private static void AssertSameTicket(Ticket expected, Ticket? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Notes = [] }, actual with { Notes = [] });
        Assert.Equal(expected.Notes, actual.Notes);
    }
}
