namespace MspSupport.Infra;

/// <summary>The Azure Bot registration's type, as <c>Teams:AppType</c> wants it.</summary>
public enum TeamsAppType
{
    MultiTenant,

    /// <summary>Outbound tokens come from the bot's home tenant, so <see cref="DeploymentSettings.TeamsTenantId"/> is required.</summary>
    SingleTenant,
}
