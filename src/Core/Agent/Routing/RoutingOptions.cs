namespace MspSupport.Core.Agent.Routing;

/// <summary>
/// How turns are routed between tier 0 (no model), tier 1 (cheap model) and tier 2 (capable model).
/// Bound from <c>Agent:Routing</c>; checked at start-up by <see cref="RoutingOptionsValidator"/>.
/// </summary>
public sealed class RoutingOptions
{
    public const string Section = "Agent:Routing";

    /// <summary>Extra rules, tried in order before the built-in ones; the first whose pattern matches decides.</summary>
    public List<RoutingRule> Rules { get; set; } = [];

    /// <summary>Turn off to route by <see cref="Rules"/> alone.</summary>
    public bool UseBuiltInRules { get; set; } = true;

    /// <summary>A message with at least this many words goes to the capable tier: long messages carry several problems.</summary>
    public int CapableMinWords { get; set; } = 45;

    /// <summary>The tier for a message no rule matched: 1 (cheap) or 2 (capable).</summary>
    public int DefaultTier { get; set; } = 1;
}
