using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MspSupport.Core.Tickets;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>Configuration alone (as a host reads it) selects DynamoDB and reaches a local endpoint without AWS credentials.</summary>
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
}
