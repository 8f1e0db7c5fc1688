using MspSupport.Core.Tests.Agent;
using MspSupport.Testing.Dynalite;

namespace MspSupport.Core.Tests.Isolation;

/// <summary>
/// Memory and conversation isolation on DynamoDB (dynalite), configured as a host is: Storage:Provider=DynamoDb with
/// its own tickets and sessions tables per test.
/// </summary>
public sealed class DynamoDbMemoryIsolationTests(DynaliteFixture dynalite) : MemoryIsolationContract, IClassFixture<DynaliteFixture>
{
    protected override Task<AgentHarness> StartAgentAsync() => AgentHarness.StartAsync(cheap: Model, capable: Model, settings: new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "DynamoDb",
        ["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
        ["Storage:DynamoDb:TicketsTable"] = dynalite.NewTableName("isolation-tickets"),
        ["Storage:DynamoDb:SessionsTable"] = dynalite.NewTableName("isolation-sessions"),
        ["Storage:DynamoDb:CreateTables"] = "true",
    });
}
