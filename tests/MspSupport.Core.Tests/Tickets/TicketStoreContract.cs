using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>
/// What every <see cref="ITicketStore"/> must do. One derived class per implementation supplies the store;
/// each test gets a fresh, empty store.
/// </summary>
public abstract class TicketStoreContract : IAsyncLifetime
{
    private ITicketStore? _store;

    protected ITicketStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>Returns a new store over empty storage, already initialized.</summary>
    protected abstract Task<ITicketStore> CreateEmptyStoreAsync();

    public async Task InitializeAsync() => _store = await CreateEmptyStoreAsync();

    public virtual Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Created_ticket_reads_back_with_every_field()
    {
        var ticket = TestTickets.New() with
        {
            AssignedTo = "tech.bob",
            Source = TicketSource.Slack,
            Notes = [TestTickets.Note("Rebooted the printer."), TestTickets.Note("Vendor contacted.", isInternal: true)],
        };

        var result = await Store.CreateAsync(ticket, null, Ct);
        var read = await Store.GetAsync(ticket.TicketId, Ct);

        Assert.Equal(CreateStatus.Created, result.Status);
        Assert.NotNull(read);
        Assert.Equal(ticket with { Notes = [] }, read with { Notes = [] });
        Assert.Equal(ticket.Notes, read.Notes);
    }

    [Fact]
    public async Task Attachment_records_read_back_with_every_field()
    {
        var file = new TicketAttachment
        {
            AttachmentId = "A-00112233445566778899aabbccddeeff",
            FileName = "printer error.png",
            ContentType = "image/png",
            Size = 48_213,
            Sha256 = new string('a', 64),
            AddedBy = "Alice",
            AddedAt = TestTickets.Epoch.AddMinutes(3),
        };
        var ticket = TestTickets.New() with { Attachments = [file] };

        await Store.CreateAsync(ticket, null, Ct);
        var read = await Store.GetAsync(ticket.TicketId, Ct);

        Assert.Equal([file], read!.Attachments);
        Assert.Equal("2026/11/A-00112233445566778899aabbccddeeff", read.Attachments[0].ContentKey);
    }

    [Fact]
    public async Task Unknown_ticket_reads_as_null()
    {
        Assert.Null(await Store.GetAsync(TicketIds.New(TestTickets.Epoch), Ct));
    }

    [Fact]
    public async Task Create_with_a_taken_id_writes_nothing()
    {
        var first = TestTickets.New(title: "First");
        await Store.CreateAsync(first, null, Ct);

        var result = await Store.CreateAsync(first with { Title = "Second" }, null, Ct);

        Assert.Equal(CreateStatus.IdTaken, result.Status);
        Assert.Equal("First", (await Store.GetAsync(first.TicketId, Ct))!.Title);
    }

    [Fact]
    public async Task Repeated_idempotency_key_returns_the_first_ticket_and_creates_no_duplicate()
    {
        var claim = TestTickets.Claim("key-1", "fingerprint-a");
        var first = TestTickets.New();
        var retry = TestTickets.New();

        var created = await Store.CreateAsync(first, claim, Ct);
        var replayed = await Store.CreateAsync(retry, claim, Ct);

        Assert.Equal(CreateStatus.Created, created.Status);
        Assert.Equal(CreateStatus.Replayed, replayed.Status);
        Assert.Equal(first.TicketId, replayed.Ticket!.TicketId);
        Assert.Null(await Store.GetAsync(retry.TicketId, Ct));
        Assert.Single((await Store.ListAsync(new TicketQuery(), Ct)).Items);
    }

    [Fact]
    public async Task Idempotency_key_reused_for_a_different_request_is_refused()
    {
        await Store.CreateAsync(TestTickets.New(), TestTickets.Claim("key-1", "fingerprint-a"), Ct);

        var second = TestTickets.New();
        var result = await Store.CreateAsync(second, TestTickets.Claim("key-1", "fingerprint-b"), Ct);

        Assert.Equal(CreateStatus.KeyReused, result.Status);
        Assert.Null(await Store.GetAsync(second.TicketId, Ct));
    }

    [Fact]
    public async Task Different_idempotency_keys_create_different_tickets()
    {
        await Store.CreateAsync(TestTickets.New(), TestTickets.Claim("key-1", "same"), Ct);
        await Store.CreateAsync(TestTickets.New(), TestTickets.Claim("key-2", "same"), Ct);

        Assert.Equal(2, (await Store.ListAsync(new TicketQuery(), Ct)).Items.Count);
    }

    [Fact]
    public async Task Idempotency_key_replays_until_the_moment_it_expires()
    {
        var first = TestTickets.New();
        var retry = TestTickets.New();
        await Store.CreateAsync(first, TestTickets.Claim("key-1", "fingerprint-a"), Ct);

        var lastSecond = await Store.CreateAsync(retry, TestTickets.Claim("key-1", "fingerprint-a", TestTickets.Epoch.AddHours(24).AddSeconds(-1)), Ct);

        Assert.Equal(CreateStatus.Replayed, lastSecond.Status);
        Assert.Equal(first.TicketId, lastSecond.Ticket!.TicketId);
        Assert.Null(await Store.GetAsync(retry.TicketId, Ct));
    }

    [Fact]
    public async Task Expired_idempotency_key_creates_a_new_ticket_and_is_claimed_afresh()
    {
        var first = TestTickets.New();
        var afterExpiry = TestTickets.New(createdAt: TestTickets.Epoch.AddHours(25));
        var retryOfThat = TestTickets.New(createdAt: TestTickets.Epoch.AddHours(26));
        await Store.CreateAsync(first, TestTickets.Claim("key-1", "fingerprint-a"), Ct);

        var created = await Store.CreateAsync(afterExpiry, TestTickets.Claim("key-1", "fingerprint-a", TestTickets.Epoch.AddHours(25)), Ct);
        var replayed = await Store.CreateAsync(retryOfThat, TestTickets.Claim("key-1", "fingerprint-a", TestTickets.Epoch.AddHours(26)), Ct);

        Assert.Equal(CreateStatus.Created, created.Status);
        Assert.Equal(afterExpiry.TicketId, created.Ticket!.TicketId);
        Assert.Equal(CreateStatus.Replayed, replayed.Status);
        Assert.Equal(afterExpiry.TicketId, replayed.Ticket!.TicketId);
        Assert.Equal(2, (await Store.ListAsync(new TicketQuery(), Ct)).Items.Count);
    }

    [Fact]
    public async Task Expired_idempotency_key_may_be_used_for_a_different_request()
    {
        await Store.CreateAsync(TestTickets.New(), TestTickets.Claim("key-1", "fingerprint-a"), Ct);
        var other = TestTickets.New(createdAt: TestTickets.Epoch.AddDays(2));

        var result = await Store.CreateAsync(other, TestTickets.Claim("key-1", "fingerprint-b", TestTickets.Epoch.AddDays(2)), Ct);

        Assert.Equal(CreateStatus.Created, result.Status);
        Assert.NotNull(await Store.GetAsync(other.TicketId, Ct));
    }

    [Fact]
    public async Task Replace_with_the_current_version_stores_the_change()
    {
        var ticket = TestTickets.New();
        await Store.CreateAsync(ticket, null, Ct);
        var changed = ticket with { Status = TicketStatus.InProgress, Version = 2, AssignedTo = "tech.bob" };

        var status = await Store.ReplaceAsync(changed, expectedVersion: 1, Ct);

        Assert.Equal(WriteStatus.Done, status);
        Assert.Equal(changed, await Store.GetAsync(ticket.TicketId, Ct) is { } read ? read with { Notes = changed.Notes } : null);
    }

    [Fact]
    public async Task Stale_version_update_returns_conflict_and_changes_nothing()
    {
        var ticket = TestTickets.New();
        await Store.CreateAsync(ticket, null, Ct);
        await Store.ReplaceAsync(ticket with { Title = "Winner", Version = 2 }, 1, Ct);

        var status = await Store.ReplaceAsync(ticket with { Title = "Loser", Version = 2 }, 1, Ct);

        Assert.Equal(WriteStatus.VersionConflict, status);
        var read = await Store.GetAsync(ticket.TicketId, Ct);
        Assert.Equal("Winner", read!.Title);
        Assert.Equal(2, read.Version);
    }

    [Fact]
    public async Task Replacing_an_unknown_ticket_returns_not_found_and_creates_nothing()
    {
        var ticket = TestTickets.New() with { Version = 2 };

        Assert.Equal(WriteStatus.NotFound, await Store.ReplaceAsync(ticket, 1, Ct));
        Assert.Null(await Store.GetAsync(ticket.TicketId, Ct));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_version_have_exactly_one_winner()
    {
        var ticket = TestTickets.New();
        await Store.CreateAsync(ticket, null, Ct);

        var attempts = Enumerable.Range(0, 8)
            .Select(i => Store.ReplaceAsync(ticket with { Title = $"Writer {i}", Version = 2 }, 1, Ct));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r == WriteStatus.Done));
        Assert.Equal(7, results.Count(r => r == WriteStatus.VersionConflict));
    }

    [Fact]
    public async Task Delete_removes_the_ticket()
    {
        var ticket = TestTickets.New();
        await Store.CreateAsync(ticket, null, Ct);

        Assert.Equal(WriteStatus.Done, await Store.DeleteAsync(ticket.TicketId, null, Ct));
        Assert.Null(await Store.GetAsync(ticket.TicketId, Ct));
        Assert.Equal(WriteStatus.NotFound, await Store.DeleteAsync(ticket.TicketId, null, Ct));
    }

    [Fact]
    public async Task Delete_with_a_stale_version_keeps_the_ticket()
    {
        var ticket = TestTickets.New();
        await Store.CreateAsync(ticket, null, Ct);
        await Store.ReplaceAsync(ticket with { Version = 2 }, 1, Ct);

        Assert.Equal(WriteStatus.VersionConflict, await Store.DeleteAsync(ticket.TicketId, 1, Ct));
        Assert.NotNull(await Store.GetAsync(ticket.TicketId, Ct));
    }

    [Fact]
    public async Task Listing_by_customer_returns_only_that_customers_tickets_newest_first()
    {
        var mine = await CreateManyAsync(5, i => TestTickets.New("contoso", createdAt: TestTickets.Epoch.AddMinutes(i)));
        await CreateManyAsync(3, i => TestTickets.New("fabrikam", createdAt: TestTickets.Epoch.AddMinutes(i)));

        var page = await Store.ListAsync(new TicketQuery { CustomerId = "contoso" }, Ct);

        Assert.Equal(NewestFirst(mine).Select(t => t.TicketId), page.Items.Select(t => t.TicketId));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Listing_by_status_follows_status_changes()
    {
        var ticket = TestTickets.New();
        await Store.CreateAsync(ticket, null, Ct);
        await Store.ReplaceAsync(ticket with { Status = TicketStatus.Resolved, Version = 2 }, 1, Ct);

        var open = await Store.ListAsync(new TicketQuery { Status = TicketStatus.Open }, Ct);
        var resolved = await Store.ListAsync(new TicketQuery { Status = TicketStatus.Resolved }, Ct);

        Assert.Empty(open.Items);
        Assert.Equal(ticket.TicketId, Assert.Single(resolved.Items).TicketId);
    }

    [Fact]
    public async Task Filters_combine_and_pages_fill_across_filtered_out_tickets()
    {
        // Most tickets do not match: a store that filters after reading a page must keep reading to fill the next.
        var all = await CreateManyAsync(40, i => TestTickets.New(
            customerId: i % 2 == 0 ? "contoso" : "fabrikam",
            status: i % 4 < 2 ? TicketStatus.Open : TicketStatus.Closed,
            priority: i % 5 == 0 ? TicketPriority.High : TicketPriority.Low,
            category: i % 3 == 0 ? TicketCategory.Network : TicketCategory.Hardware,
            createdAt: TestTickets.Epoch.AddMinutes(i)));
        var expected = NewestFirst(all.Where(t =>
            t.CustomerId == "contoso" && t.Status == TicketStatus.Open && t.Category == TicketCategory.Network)).ToList();

        var walked = await WalkAsync(new TicketQuery
        {
            CustomerId = "contoso",
            Status = TicketStatus.Open,
            Category = TicketCategory.Network,
            Limit = 2,
        });

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(t => t.TicketId), walked.Select(t => t.TicketId));

        var high = await WalkAsync(new TicketQuery { Priority = TicketPriority.High, Limit = 3 });
        Assert.Equal(NewestFirst(all.Where(t => t.Priority == TicketPriority.High)).Select(t => t.TicketId), high.Select(t => t.TicketId));
    }

    [Fact]
    public async Task Walking_every_page_without_filters_returns_each_ticket_once_newest_first()
    {
        var statuses = Enum.GetValues<TicketStatus>();
        var all = await CreateManyAsync(37, i => TestTickets.New(
            customerId: $"customer-{i % 3}",
            status: statuses[i % statuses.Length],
            createdAt: TestTickets.Epoch.AddSeconds(i * 7)));

        var pages = new List<int>();
        var walked = await WalkAsync(new TicketQuery { Limit = 10 }, pages);

        Assert.Equal(NewestFirst(all).Select(t => t.TicketId), walked.Select(t => t.TicketId));
        Assert.Equal([10, 10, 10, 7], pages);
    }

    [Fact]
    public async Task Tickets_created_in_the_same_millisecond_are_all_listed_once()
    {
        var all = await CreateManyAsync(9, _ => TestTickets.New(createdAt: TestTickets.Epoch));

        var walked = await WalkAsync(new TicketQuery { CustomerId = "contoso", Limit = 2 });

        Assert.Equal(all.Select(t => t.TicketId).Order(), walked.Select(t => t.TicketId).Order());
    }

    [Fact]
    public async Task Last_page_has_no_cursor()
    {
        await CreateManyAsync(4, i => TestTickets.New(createdAt: TestTickets.Epoch.AddMinutes(i)));

        var first = await Store.ListAsync(new TicketQuery { Limit = 2 }, Ct);
        var second = await Store.ListAsync(new TicketQuery { Limit = 2, After = first.Next }, Ct);

        Assert.NotNull(first.Next);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Ping_succeeds_on_a_reachable_store()
    {
        await Store.PingAsync(Ct);
        await Store.InitializeAsync(Ct);
        Assert.Empty((await Store.ListAsync(new TicketQuery(), Ct)).Items);
    }

    private async Task<List<Ticket>> CreateManyAsync(int count, Func<int, Ticket> make)
    {
        var tickets = new List<Ticket>();
        for (var i = 0; i < count; i++)
        {
            var ticket = make(i);
            Assert.Equal(CreateStatus.Created, (await Store.CreateAsync(ticket, null, Ct)).Status);
            tickets.Add(ticket);
        }

        return tickets;
    }

    private async Task<List<Ticket>> WalkAsync(TicketQuery query, List<int>? pageSizes = null)
    {
        var all = new List<Ticket>();
        var next = query;
        for (var guard = 0; guard < 100; guard++)
        {
            var page = await Store.ListAsync(next, Ct);
            if (page.Items.Count > 0)
            {
                pageSizes?.Add(page.Items.Count);
            }

            Assert.True(page.Items.Count <= query.Limit, $"A page held {page.Items.Count} tickets for a limit of {query.Limit}.");
            all.AddRange(page.Items);
            if (page.Next is null)
            {
                return all;
            }

            next = query with { After = page.Next };
        }

        throw new InvalidOperationException("The cursor never ended.");
    }

    private static IEnumerable<Ticket> NewestFirst(IEnumerable<Ticket> tickets) =>
        tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.TicketId, StringComparer.Ordinal);
}
