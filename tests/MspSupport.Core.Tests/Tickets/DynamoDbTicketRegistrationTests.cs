using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>
/// Configuration alone (as a host reads it) selects DynamoDB, reaches a local endpoint without AWS credentials and
/// sets the SDK client's retries.
/// </summary>
public sealed class DynamoDbTicketRegistrationTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task Configured_DynamoDb_provider_stores_tickets_in_the_named_table()
    {
        var table = dynalite.NewTableName(nameof(DynamoDbTicketRegistrationTests));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["Storage:DynamoDb:TicketsTable"] = table,
            ["Storage:DynamoDb:CreateTables"] = "true",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddTickets(configuration, AppContext.BaseDirectory);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ITicketStore>();
        var ticket = TestTickets.New();

        await store.InitializeAsync(CancellationToken.None);
        await store.CreateAsync(ticket, null, CancellationToken.None);

        Assert.IsType<DynamoDbTicketStore>(Assert.IsType<InstrumentedTicketStore>(store).Inner);
        Assert.Equal(ticket.TicketId, (await store.GetAsync(ticket.TicketId, CancellationToken.None))?.TicketId);
        Assert.Contains(table, (await dynalite.Client.ListTablesAsync()).TableNames);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData("10", 10)]
    public void Storage_DynamoDb_MaxErrorRetry_reaches_the_sdk_client(string setting, int expected)
    {
        using var provider = Build(new() { ["Storage:DynamoDb:MaxErrorRetry"] = setting });

        var client = Assert.IsType<AmazonDynamoDBClient>(provider.GetRequiredService<IAmazonDynamoDB>());

        Assert.Equal(expected, client.Config.MaxErrorRetry);
    }

    [Fact]
    public void Without_Storage_DynamoDb_MaxErrorRetry_the_sdk_keeps_its_default_for_DynamoDb()
    {
        using var provider = Build([]);

        var client = Assert.IsType<AmazonDynamoDBClient>(provider.GetRequiredService<IAmazonDynamoDB>());

        Assert.Equal(new AmazonDynamoDBConfig().MaxErrorRetry, client.Config.MaxErrorRetry);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    public void Out_of_range_Storage_DynamoDb_MaxErrorRetry_stops_the_start_naming_the_setting(string setting)
    {
        using var provider = Build(new() { ["Storage:DynamoDb:MaxErrorRetry"] = setting });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Equal("Storage:DynamoDb:MaxErrorRetry must be between 0 and 10 (or empty for the AWS SDK's default).", Assert.Single(error.Failures));
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:Provider"] = "DynamoDb";
        settings["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTickets(configuration, AppContext.BaseDirectory).BuildServiceProvider();
    }
}
