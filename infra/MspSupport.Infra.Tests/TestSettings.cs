namespace MspSupport.Infra.Tests;

/// <summary>Settings as a deployer would give them, with a fixed account and region so ARNs come out concrete.</summary>
internal static class TestSettings
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-1";
    public const string ImageTag = "test-tag";

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
