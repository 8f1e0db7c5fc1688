using Xunit.Abstractions;

namespace MspSupport.Bot.Tests.Reliability;

/// <summary>The load suite on the embedded defaults: one SQLite file.</summary>
[Collection(LoadAndFaults.Name)]
public sealed class ConcurrentConversationsOnSqliteTests(ITestOutputHelper output) : ConcurrentConversationsTests(output)
{
    protected override IReadOnlyDictionary<string, string?>? Storage => null;
}
