namespace MspSupport.Core.Agent.Routing;

/// <summary>A routing rule: a case-insensitive regular expression and the tier (1 or 2) it sends a message to.</summary>
public sealed class RoutingRule
{
    public string Name { get; set; } = "";
    public string Pattern { get; set; } = "";
    public int Tier { get; set; } = 1;
}
