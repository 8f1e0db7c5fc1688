using MspSupport.Core.Tickets;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>The shared ticket store contract against DynamoDB (dynalite); every test gets its own empty table.</summary>
public sealed class DynamoDbTicketStoreContractTests(DynaliteFixture dynalite) : TicketStoreContract, IClassFixture<DynaliteFixture>
{
    protected override async Task<ITicketStore> CreateEmptyStoreAsync() =>
        await dynalite.NewTicketStoreAsync(nameof(DynamoDbTicketStoreContractTests));
}
