using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>The service as the chat tools call it (no HTTP): rules, notifications, concurrency.</summary>
public sealed class TicketServiceTests : IAsyncLifetime
{
    private static readonly CallerIdentity Customer = new() { Channel = "slack", TenantId = "T1", UserId = "U1", Role = CallerRole.Customer, CustomerId = "contoso", DisplayName = "Alice" };
    private static readonly CallerIdentity Technician = new() { Channel = "teams", TenantId = "msp", UserId = "tech-1", Role = CallerRole.Technician, DisplayName = "Bob" };
    private static readonly CallerIdentity Unlinked = new() { Channel = "web", UserId = "anon", Role = CallerRole.Customer };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-service-tests", Guid.NewGuid().ToString("N"));
    private readonly RecordingListener _listener = new();
    private readonly SteppingTime _time = new();
    private SqliteTicketStore _store = null!;
    private TicketService _service = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteTicketStore(Options.Create(new StorageOptions { Sqlite = new() { Path = Path.Combine(_folder, "t.db") } }));
        await _store.InitializeAsync(CancellationToken.None);
        _service = new TicketService(_store, _time, [_listener, new FailingListener()], Options.Create(new TicketOptions()), NullLogger<TicketService>.Instance);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Listeners_hear_each_committed_change_and_a_failing_listener_does_not_undo_it()
    {
        var created = await _service.CreateAsync(Customer, new NewTicketRequest { Title = "VPN drops", Source = TicketSource.Slack }, null, default);
        var id = created.Value!.TicketId;
        await _service.UpdateAsync(Technician, id, new TicketChanges { Status = "in progress" }, null, default);
        await _service.UpdateAsync(Technician, id, new TicketChanges { Status = "nonsense" }, null, default);

        Assert.Equal(TicketOutcome.Created, created.Outcome);
        Assert.Equal([TicketChangeKind.Created, TicketChangeKind.Updated], _listener.Changes.Select(c => c.Kind));
        Assert.Equal(TicketSource.Slack, _listener.Changes[0].After!.Source);
        Assert.Equal(TicketStatus.Open, _listener.Changes[1].Before!.Status);
        Assert.Equal(TicketStatus.InProgress, _listener.Changes[1].After!.Status);
        Assert.Equal("Bob", _listener.Changes[1].By.Name);
        Assert.Equal(TicketStatus.InProgress, (await _store.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task Concurrent_notes_without_a_version_all_land()
    {
        var id = (await _service.CreateAsync(Customer, new NewTicketRequest { Title = "Printer jam" }, null, default)).Value!.TicketId;

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _service.AddNoteAsync(i % 2 == 0 ? Customer : Technician, id, $"note {i}", isInternal: false, default)));

        Assert.All(results, r => Assert.Equal(TicketOutcome.Ok, r.Outcome));
        var stored = await _store.GetAsync(id, default);
        Assert.Equal(7, stored!.Version);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"note {i}").Order(), stored.Notes.Select(n => n.Text).Order());
    }

    [Fact]
    public async Task Times_come_from_the_time_provider()
    {
        var created = (await _service.CreateAsync(Customer, new NewTicketRequest { Title = "Laptop slow" }, null, default)).Value!;
        var updated = (await _service.UpdateAsync(Technician, created.TicketId, new TicketChanges { Priority = "high" }, null, default)).Value!;

        Assert.Equal(SteppingTime.Start, created.CreatedAt);
        Assert.Equal(SteppingTime.Start.AddMinutes(1), updated.UpdatedAt);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
    }

    [Fact]
    public async Task A_user_not_linked_to_a_customer_cannot_file_or_list()
    {
        var create = await _service.CreateAsync(Unlinked, new NewTicketRequest { Title = "Hello" }, null, default);
        var list = await _service.ListAsync(Unlinked, new TicketListRequest(), default);

        Assert.Equal(TicketOutcome.Forbidden, create.Outcome);
        Assert.Equal(TicketOutcome.Forbidden, list.Outcome);
        Assert.Empty((await _store.ListAsync(new TicketQuery(), default)).Items);
    }

    [Fact]
    public async Task A_customer_cannot_edit_details_once_work_has_started_but_can_still_add_notes()
    {
        var id = (await _service.CreateAsync(Customer, new NewTicketRequest { Title = "Teams audio" }, null, default)).Value!.TicketId;
        await _service.UpdateAsync(Technician, id, new TicketChanges { Status = "In Progress" }, null, default);

        var edit = await _service.UpdateAsync(Customer, id, new TicketChanges { Title = "Teams audio and video" }, null, default);
        var note = await _service.AddNoteAsync(Customer, id, "Also the camera now.", isInternal: false, default);

        Assert.Equal(TicketOutcome.Forbidden, edit.Outcome);
        Assert.Equal(TicketOutcome.Ok, note.Outcome);
        Assert.Equal("Alice", note.Value!.Notes.Single().Author);
    }

    [Fact]
    public async Task A_change_to_the_same_values_writes_nothing()
    {
        var id = (await _service.CreateAsync(Customer, new NewTicketRequest { Title = "Wi-Fi", Priority = "Low" }, null, default)).Value!.TicketId;

        var result = await _service.UpdateAsync(Technician, id, new TicketChanges { Priority = "LOW" }, null, default);

        Assert.Equal(1, result.Value!.Version);
        Assert.Single(_listener.Changes);
    }

    private sealed class RecordingListener : ITicketChangeListener
    {
        public List<TicketChange> Changes { get; } = [];

        public ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
        {
            lock (Changes)
            {
                Changes.Add(change);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class FailingListener : ITicketChangeListener
    {
        public ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The notification channel is down.");
    }

    /// <summary>Each reading of the clock is one minute after the previous one.</summary>
    private sealed class SteppingTime : TimeProvider
    {
        public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        private int _calls;

        public override DateTimeOffset GetUtcNow() => Start.AddMinutes(Interlocked.Increment(ref _calls) - 1);
    }
}
