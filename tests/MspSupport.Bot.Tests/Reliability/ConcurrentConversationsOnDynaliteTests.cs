using MspSupport.Testing.Dynalite;
using Xunit.Abstractions;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>The load suite on DynamoDB: dynalite on loopback, tables created by the host at start.</summary>
[Collection(LoadAndFaults.Name)]
public sealed class ConcurrentConversationsOnDynaliteTests(DynaliteFixture dynalite, ITestOutputHelper output)
    : ConcurrentConversationsTests(output), IClassFixture<DynaliteFixture>
{
    private readonly Dictionary<string, string?> _storage = ReliabilityHostFactory.DynamoDb(dynalite.ServiceUrl, dynalite.NewTableName("load"));

    protected override IReadOnlyDictionary<string, string?>? Storage => _storage;
}
