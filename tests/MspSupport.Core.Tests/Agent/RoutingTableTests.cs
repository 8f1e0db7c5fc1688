using Microsoft.Extensions.Options;
using MspSupport.Core.Agent.Routing;
using Xunit.Abstractions;

namespace MspSupport.Core.Tests.Agent;

/// <summary>The router against labelled messages written as users write them (routing-cases.tsv).</summary>
public sealed class RoutingTableTests(ITestOutputHelper output)
{
    private readonly Router _router = new(Options.Create(new RoutingOptions()));

    [Fact]
    public void The_router_sends_at_least_90_percent_of_the_labelled_messages_to_the_expected_tier()
    {
        var cases = LoadCases();
        var misrouted = new List<string>();
        foreach (var (expected, message) in cases)
        {
            var decision = _router.Decide(message);
            if (decision.Tier != expected)
            {
                misrouted.Add($"expected {expected}, got {decision.Tier} ({decision.Reason}): {message}");
            }
        }

        var accuracy = 1.0 - (double)misrouted.Count / cases.Count;
        output.WriteLine($"Routing accuracy: {accuracy:P1} ({cases.Count - misrouted.Count}/{cases.Count})");
        misrouted.ForEach(output.WriteLine);
        Assert.True(cases.Count >= 60, $"The table has only {cases.Count} cases.");
        Assert.True(accuracy >= 0.9, $"Routing accuracy {accuracy:P1} is below 90%:\n" + string.Join("\n", misrouted));
    }

    [Fact]
    public void A_configured_rule_is_tried_before_the_built_in_ones()
    {
        var options = new RoutingOptions { Rules = [new RoutingRule { Name = "printers are easy", Pattern = @"\bprinter\b", Tier = 1 }] };
        var router = new Router(Options.Create(options));

        var decision = router.Decide("can you troubleshoot my printer");

        Assert.Equal(1, decision.Tier);
        Assert.Equal("rule: printers are easy", decision.Reason);
    }

    [Fact]
    public void Bad_routing_settings_are_refused_with_the_setting_named()
    {
        var options = new RoutingOptions { DefaultTier = 0, Rules = [new RoutingRule { Pattern = "([", Tier = 3 }] };

        var result = new RoutingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Routing:DefaultTier", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Routing:Rules:0:Tier", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Routing:Rules:0:Pattern", StringComparison.Ordinal));
    }

    private static List<(int Tier, string Message)> LoadCases() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Agent", "routing-cases.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t', 2))
            .Select(parts => (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]))
            .ToList();
}
