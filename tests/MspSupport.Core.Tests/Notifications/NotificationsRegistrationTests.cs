using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Notifications;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>Configuration alone (as a host reads it) selects the conversation reference store and shares the other stores' storage.</summary>
public sealed class NotificationsRegistrationTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IDisposable
{
    private static readonly ConversationReference Reference = new() { Channel = "slack", ConversationId = "C01", UserId = "U01" };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-tests", Guid.NewGuid().ToString("N"));

    private IConfiguration Configuration { get; set; } = new ConfigurationBuilder().Build();

    [Fact]
    public async Task Configured_DynamoDb_provider_keeps_references_in_the_named_sessions_table()
    {
        var table = dynalite.NewTableName(nameof(NotificationsRegistrationTests));
        await using var provider = Build(new()
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["Storage:DynamoDb:SessionsTable"] = table,
            ["Storage:DynamoDb:CreateTables"] = "true",
        }, s => s.AddConversationReferences(Configuration));

        await StartHostedServicesAsync(provider);
        var references = provider.GetRequiredService<IConversationReferenceStore>();
        await references.SaveAsync("T-1", Reference, CancellationToken.None);

        Assert.IsType<DynamoDbConversationReferenceStore>(references);
        Assert.Contains(table, (await dynalite.Client.ListTablesAsync()).TableNames);
        Assert.Equal(Reference, await references.GetAsync("T-1", CancellationToken.None));
    }

    [Fact]
    public async Task Default_provider_keeps_references_in_the_tickets_sqlite_file()
    {
        await using var provider = Build(new() { ["Storage:Sqlite:Path"] = "data/shared.db" },
            s => s.AddConversationReferences(Configuration).AddTickets(Configuration, _folder));

        await StartHostedServicesAsync(provider);
        var references = provider.GetRequiredService<IConversationReferenceStore>();
        await references.SaveAsync("T-1", Reference, CancellationToken.None);

        Assert.IsType<SqliteConversationReferenceStore>(references);
        Assert.Equal(Path.Combine(_folder, "data", "shared.db"), provider.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite.Path);
        Assert.Equal(Reference, await references.GetAsync("T-1", CancellationToken.None));
    }

    [Fact]
    public void References_tickets_and_memory_register_the_storage_options_and_the_initializer_once()
    {
        var services = new ServiceCollection()
            .AddConversationReferences(Configuration)
            .AddMemory(Configuration)
            .AddTickets(Configuration, _folder)
            .AddConversationReferences(Configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<StorageOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(IConversationReferenceStore));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ConversationReferenceStoreInitializer));
    }

    [Fact]
    public void Requester_notifications_keep_their_retries_in_the_configured_store_and_register_once()
    {
        var services = new ServiceCollection().AddLogging();
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["Storage:DynamoDb:SessionsTable"] = dynalite.NewTableName(nameof(NotificationsRegistrationTests)),
        }).Build();
        services.AddRequesterNotifications(Configuration).AddConversationReferences(Configuration).AddRequesterNotifications(Configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<DynamoDbPendingNotificationStore>(provider.GetRequiredService<IPendingNotificationStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ITicketChangeListener) && d.ImplementationFactory is not null);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(NotificationRedelivery));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PendingNotificationStoreInitializer));
    }

    [Fact]
    public void By_default_requester_notifications_keep_their_retries_in_sqlite()
    {
        using var provider = Build(new() { ["Storage:Sqlite:Path"] = Path.Combine(_folder, "n.db") }, s => s.AddRequesterNotifications(Configuration));

        Assert.IsType<SqlitePendingNotificationStore>(provider.GetRequiredService<IPendingNotificationStore>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        register(services);
        return services.BuildServiceProvider();
    }

    private static async Task StartHostedServicesAsync(IServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }
}
