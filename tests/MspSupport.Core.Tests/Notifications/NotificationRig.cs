using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tests.Tickets;
using MspSupport.Core.Tickets;
using MspSupport.Testing;
using MspSupport.Testing.Telemetry;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>
/// Requester notifications wired as a host wires them, on one SQLite file and a clock the test moves: the ticket
/// service tells <see cref="RequesterNotifications"/> of every change, which sends through scripted Slack and Teams
/// channels; <see cref="NotificationRedelivery"/> works off what failed when the test runs a pass. Alice (Slack,
/// contoso) files tickets; Bob (Teams, MSP) changes them.
/// </summary>
internal sealed class NotificationRig : IAsyncDisposable
{
    public static readonly CallerIdentity Alice = new() { Channel = "slack", TenantId = "T1", UserId = "U-ALICE", Role = CallerRole.Customer, CustomerId = "contoso", DisplayName = "Alice" };
    public static readonly CallerIdentity Bob = new() { Channel = "teams", TenantId = "msp", UserId = "tech-bob", Role = CallerRole.Technician, DisplayName = "Bob" };

    private readonly TemporarySqlite _sqlite = new();
    private readonly SqliteTicketStore _tickets;
    private readonly ILoggerFactory _logging;

    private NotificationRig(NotificationOptions options)
    {
        Options = options;
        _logging = LoggerFactory.Create(b => b.AddProvider(Logs));
        _tickets = new SqliteTicketStore(_sqlite.Storage);
        References = new SqliteConversationReferenceStore(_sqlite.Storage);
        SentStore = new SqliteSentNotificationStore(_sqlite.Storage);
        Pending = new SqlitePendingNotificationStore(_sqlite.Storage);
        var identities = Identities = new IdentityDirectory(new StaticMonitor(new IdentityOptions
        {
            Tenants = [new IdentityEntry { Channel = "slack", TenantId = "T1", Role = "Customer", CustomerId = "contoso" }],
        }));
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Sent = new SentNotifications(SentStore, Clock, wrapped);
        Notifications = new RequesterNotifications([Slack, Teams], References, identities, Sent, Pending, Clock, wrapped, _logging.CreateLogger<RequesterNotifications>());
        Redelivery = new NotificationRedelivery(Pending, _tickets, References, identities, Notifications, Clock, wrapped, _logging.CreateLogger<NotificationRedelivery>());
        Service = new TicketService(_tickets, Clock, [Notifications], Microsoft.Extensions.Options.Options.Create(new TicketOptions()), NullLogger<TicketService>.Instance);
    }

    public NotificationOptions Options { get; }

    public IdentityDirectory Identities { get; }

    public ManualTimeProvider Clock { get; } = new(TestTickets.Epoch);

    public CapturedLogs Logs { get; } = new();

    public ScriptedNotifier Slack { get; } = new("slack");

    public ScriptedNotifier Teams { get; } = new("teams");

    public SqliteConversationReferenceStore References { get; }

    public SqliteSentNotificationStore SentStore { get; }

    public SqlitePendingNotificationStore Pending { get; }

    public SentNotifications Sent { get; }

    public RequesterNotifications Notifications { get; }

    public NotificationRedelivery Redelivery { get; }

    public TicketService Service { get; }

    public static async Task<NotificationRig> StartAsync(NotificationOptions? options = null)
    {
        var rig = new NotificationRig(options ?? new NotificationOptions());
        await rig._tickets.InitializeAsync(default);
        await rig.References.InitializeAsync(default);
        await rig.SentStore.InitializeAsync(default);
        await rig.Pending.InitializeAsync(default);
        return rig;
    }

    /// <summary>Alice files a ticket in a Slack thread; the thread is remembered as where to tell her about it.</summary>
    public async Task<string> FileAsync(string channel = "slack")
    {
        var created = await Service.CreateAsync(Alice, new NewTicketRequest { Title = "VPN drops every 10 minutes", Source = TicketSource.Slack }, null, default);
        var id = created.Value!.TicketId;
        await References.SaveAsync(id, new ConversationReference { Channel = channel, ConversationId = "C-ALICE", ThreadId = "1700000000.000100", UserId = Alice.UserId, TenantId = Alice.TenantId, ServiceUrl = Alice.TenantId }, default);
        return id;
    }

    /// <summary>Bob moves the ticket on: a change Alice is to be told about.</summary>
    public async Task<Ticket> BobSetsStatusAsync(string ticketId, string status)
    {
        var result = await Service.UpdateAsync(Bob, ticketId, new TicketChanges { Status = status }, null, default);
        Assert.Equal(TicketOutcome.Ok, result.Outcome);
        return result.Value!;
    }

    public Task<IReadOnlyList<PendingNotification>> PendingAsync() => Pending.DueAsync(DateTimeOffset.MaxValue, 100, default);

    public async ValueTask DisposeAsync()
    {
        _tickets.Dispose();
        _logging.Dispose();
        _sqlite.Dispose();
        await Task.CompletedTask;
    }

    private sealed class StaticMonitor(IdentityOptions value) : IOptionsMonitor<IdentityOptions>
    {
        public IdentityOptions CurrentValue => value;

        public IdentityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<IdentityOptions, string?> listener) => null;
    }
}
