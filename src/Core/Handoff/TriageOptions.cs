namespace MspSupport.Core.Handoff;

/// <summary>Where triage cards go: per-customer or per-category routes, else the default channel.</summary>
public sealed class TriageOptions
{
    public TriageTarget Default { get; set; } = new();

    public List<TriageRoute> Routes { get; set; } = [];

    /// <summary>The channel for a ticket of <paramref name="customerId"/> in <paramref name="category"/>.</summary>
    public TriageTarget For(string customerId, string category)
    {
        var route = Routes.FirstOrDefault(r => r.Matches(customerId, category));
        return route is null
            ? Default
            : new TriageTarget { ServiceUrl = route.ServiceUrl, ConversationId = route.ConversationId, TenantId = Default.TenantId };
    }
}
