namespace MspSupport.Infra.Tests;

/// <summary>Settings as a deployer would give them, with a fixed account and region so ARNs come out concrete.</summary>
internal static class TestSettings
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-1";
    public const string ImageTag = "test-tag";
    public const string TeamsAppId = "6f1c2b9e-3d4a-4e5f-9a8b-7c6d5e4f3a2b";
    public const string TenantId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    public static DeploymentSettings For(string environment, string functionCode) => new()
    {
        EnvironmentName = environment,
        Account = Account,
        Region = Region,
        TicketFunctionCode = functionCode,
        GitHubOwner = "contoso-msp",
        GitHubRepository = "msp-support",
        BotImageTag = ImageTag,
        ApiKeys = [new ApiKeySetting("helpdesk", "Technician", null, new string('a', 64))],
    };
}
