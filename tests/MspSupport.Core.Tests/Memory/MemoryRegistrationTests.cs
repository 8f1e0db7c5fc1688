using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MspSupport.Core.Memory;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Memory;

/// <summary>Configuration alone (as a host reads it) selects the memory stores, shares the tickets' storage and is validated.</summary>
public sealed class MemoryRegistrationTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "msp-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Configured_DynamoDb_provider_keeps_memory_in_the_named_sessions_table()
    {
        var table = dynalite.NewTableName(nameof(MemoryRegistrationTests));
        await using var provider = Build(new()
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["Storage:DynamoDb:SessionsTable"] = table,
            ["Storage:DynamoDb:CreateTables"] = "true",
        }, s => s.AddMemory(Configuration));

        await StartHostedServicesAsync(provider);
        var conversations = provider.GetRequiredService<IConversationStore>();
        await conversations.SaveAsync(new Conversation { ConversationId = "c1", UserId = "alice" }, 0, CancellationToken.None);

        Assert.IsType<DynamoDbConversationStore>(Assert.IsType<InstrumentedConversationStore>(conversations).Inner);
        Assert.IsType<DynamoDbMemoryStore>(Assert.IsType<InstrumentedMemoryStore>(provider.GetRequiredService<IMemoryStore>()).Inner);
        Assert.Contains(table, (await dynalite.Client.ListTablesAsync()).TableNames);
        Assert.NotNull(await conversations.GetAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task Default_provider_keeps_memory_in_the_tickets_sqlite_file_under_the_content_root()
    {
        // Memory first, tickets second: the content root AddTickets names still anchors the shared relative path.
        await using var provider = Build(new() { ["Storage:Sqlite:Path"] = "data/shared.db" },
            s => s.AddMemory(Configuration).AddTickets(Configuration, _folder));

        await StartHostedServicesAsync(provider);
        await provider.GetRequiredService<IConversationStore>()
            .SaveAsync(new Conversation { ConversationId = "c1", UserId = "alice" }, 0, CancellationToken.None);

        Assert.IsType<SqliteConversationStore>(Assert.IsType<InstrumentedConversationStore>(provider.GetRequiredService<IConversationStore>()).Inner);
        Assert.IsType<SqliteMemoryStore>(Assert.IsType<InstrumentedMemoryStore>(provider.GetRequiredService<IMemoryStore>()).Inner);
        Assert.Equal(Path.Combine(_folder, "data", "shared.db"), provider.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite.Path);
        Assert.Equal(["conversations", "memories", "tickets"], await TablesAsync(Path.Combine(_folder, "data", "shared.db")));
    }

    [Fact]
    public void Tickets_and_memory_register_the_storage_options_once_in_either_order()
    {
        var memoryFirst = new ServiceCollection().AddMemory(Configuration).AddTickets(Configuration, _folder).AddMemory(Configuration);
        var ticketsFirst = new ServiceCollection().AddTickets(Configuration, _folder).AddMemory(Configuration);

        foreach (var services in new[] { memoryFirst, ticketsFirst })
        {
            Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<StorageOptions>));
            Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<StorageOptions>));
            Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<MemoryOptions>));
            Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MemoryStoreInitializer));
        }
    }

    [Fact]
    public void Memory_ttl_defaults_to_30_days_and_reads_from_the_Memory_section()
    {
        using var defaults = Build([], s => s.AddMemory(Configuration));
        using var configured = Build(new() { ["Memory:ConversationTtlDays"] = "7" }, s => s.AddMemory(Configuration));

        Assert.Equal(30, defaults.GetRequiredService<IOptions<MemoryOptions>>().Value.ConversationTtlDays);
        Assert.Equal(7, configured.GetRequiredService<IOptions<MemoryOptions>>().Value.ConversationTtlDays);
    }

    [Theory]
    [InlineData("ConversationTtlDays", "0", "Memory:ConversationTtlDays must be between 1 and 3650.")]
    [InlineData("ConversationTtlDays", "3651", "Memory:ConversationTtlDays must be between 1 and 3650.")]
    [InlineData("RecentConversations", "-1", "Memory:RecentConversations must be between 0 (off) and 1000000.")]
    [InlineData("RecentConversations", "1000001", "Memory:RecentConversations must be between 0 (off) and 1000000.")]
    public void Out_of_range_setting_is_refused_with_a_message_naming_it(string setting, string value, string message)
    {
        using var provider = Build(new() { [$"Memory:{setting}"] = value }, s => s.AddMemory(Configuration));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MemoryOptions>>().Value);

        Assert.Equal(message, Assert.Single(error.Failures));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private IConfiguration Configuration { get; set; } = new ConfigurationBuilder().Build();

    private ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        register(services);
        return services.BuildServiceProvider();
    }

    private static async Task<List<string>> TablesAsync(string databaseFile)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('conversations', 'memories', 'tickets') ORDER BY name;";
        var names = new List<string>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task StartHostedServicesAsync(IServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }
}
