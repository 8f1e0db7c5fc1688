using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using MspSupport.Core.Agent.Routing;

namespace MspSupport.Bench.Agent;

/// <summary>The routing decision alone, for a tier-0 command, a simple question and a message that falls through every rule.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RoutingBenchmark
{
    private readonly Router _router = new(Options.Create(new RoutingOptions()));

    [Params(
        "status of TKT-1KQ3M8Z-X4F7Q",
        "how do I map a network drive",
        "my VPN keeps dropping every few minutes since the update, I already tried reinstalling the client")]
    public string Message { get; set; } = "";

    [Benchmark]
    public int Decide() => _router.Decide(Message).Tier;
}
