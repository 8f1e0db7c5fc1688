namespace MspSupport.Core.Identity;

/// <summary>
/// Who is who in the chat channels, bound from <c>Identity</c>. A user entry wins over a tenant entry; anybody
/// matching neither is a customer linked to no customer (sees nothing, may file nothing) until the MSP adds them.
/// </summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Individual people: MSP technicians and admins, or customer users with a specific role.</summary>
    public List<IdentityEntry> Users { get; set; } = [];

    /// <summary>Whole tenants: a customer's Teams tenant or Slack workspace, mapped to that customer.</summary>
    public List<IdentityEntry> Tenants { get; set; } = [];
}
