using MspSupport.Core.Tests.Agent;

namespace MspSupport.Core.Tests.Isolation;

/// <summary>Memory and conversation isolation on the embedded default: the SQLite file of the tickets.</summary>
public sealed class SqliteMemoryIsolationTests : MemoryIsolationContract
{
    protected override Task<AgentHarness> StartAgentAsync() => AgentHarness.StartAsync(cheap: Model, capable: Model);
}
