namespace MspSupport.Infra.Tests;

public sealed class DeploymentSettingsTests
{
    private static readonly Dictionary<string, string> Minimal = new()
    {
        ["ticketFunctionCode"] = "../artifacts/lambda/ticket-functions-x64.zip",
        ["githubOwner"] = "contoso-msp",
        ["githubRepository"] = "msp-support",
        ["apiKeys"] = "helpdesk:Technician::" + new string('b', 64),
    };

    [Fact]
    public void Context_with_only_the_required_keys_gives_a_demo_on_x64_with_api_keys()
    {
        var settings = Read(Minimal);

        Assert.Equal("demo", settings.EnvironmentName);
        Assert.False(settings.IsProduction);
        Assert.Equal(FunctionArchitecture.X64, settings.Architecture);
        Assert.Equal(ApiAuthorizer.ApiKey, settings.Authorizer);
        Assert.Equal("main", settings.GitHubBranch);
        Assert.Null(settings.BotImageTag);
        Assert.Equal(new ApiKeySetting("helpdesk", "Technician", null, new string('b', 64)), Assert.Single(settings.ApiKeys));
    }

    [Fact]
    public void Production_on_arm64_with_jwt_is_read_from_context()
    {
        var settings = Read(new(Minimal) { ["environment"] = "prod", ["architecture"] = "arm64", ["authorizer"] = "jwt", ["apiKeys"] = "" });

        Assert.True(settings.IsProduction);
        Assert.Equal("MspSupport-prod", settings.Prefix);
        Assert.Equal(FunctionArchitecture.Arm64, settings.Architecture);
        Assert.Equal(ApiAuthorizer.Jwt, settings.Authorizer);
    }

    [Fact]
    public void Model_ids_come_from_context_when_given()
    {
        var settings = Read(new(Minimal) { ["capableChatModelId"] = "eu.anthropic.claude-sonnet-4-20250514-v1:0" });

        Assert.Equal("eu.anthropic.claude-sonnet-4-20250514-v1:0", settings.Models.CapableChat);
        Assert.Equal("amazon.titan-embed-text-v2:0", settings.Models.Embedding);
    }

    [Theory]
    [InlineData("environment", "staging")]
    [InlineData("architecture", "ppc64")]
    [InlineData("authorizer", "iam")]
    [InlineData("apiRateLimit", "-3")]
    [InlineData("apiKeys", "helpdesk:Technician")]
    [InlineData("teamsAppId", "my-bot")]
    [InlineData("teamsAppType", "Personal")]
    [InlineData("teamsTenantId", "contoso.onmicrosoft.com")]
    [InlineData("webChat", "open")]
    [InlineData("webChatPublicBaseUrl", "http://support.example.com")]
    [InlineData("webChatPublicBaseUrl", "https://support.example.com/chat")]
    public void A_bad_context_value_is_refused_with_a_message_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new(Minimal) { [key] = value }));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_key_is_named()
    {
        var context = new Dictionary<string, string>(Minimal);
        context.Remove("githubRepository");

        var error = Assert.Throws<ArgumentException>(() => Read(context));

        Assert.Contains("'githubRepository'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_key_mode_without_any_key_is_refused_because_nobody_could_call_the_api()
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new(Minimal) { ["apiKeys"] = "" }));

        Assert.Contains("'apiKeys'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_and_web_chat_default_to_teams_off_and_portal_signed_web_chat()
    {
        var settings = Read(Minimal);

        Assert.Null(settings.TeamsAppId);
        Assert.Equal(TeamsAppType.MultiTenant, settings.TeamsAppType);
        Assert.Equal(WebChatAccess.Portal, settings.WebChat);
        Assert.Null(settings.WebChatPublicBaseUrl);
    }

    [Fact]
    public void A_single_tenant_teams_bot_and_the_web_chat_settings_are_read_from_context()
    {
        var settings = Read(new(Minimal)
        {
            ["teamsAppId"] = "6F1C2B9E-3D4A-4E5F-9A8B-7C6D5E4F3A2B",
            ["teamsAppType"] = "SingleTenant",
            ["teamsTenantId"] = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            ["webChat"] = "local",
            ["webChatIdentityIssuer"] = "https://portal.example.com",
            ["webChatPublicBaseUrl"] = "https://support.example.com/",
        });

        Assert.Equal("6f1c2b9e-3d4a-4e5f-9a8b-7c6d5e4f3a2b", settings.TeamsAppId);
        Assert.Equal(TeamsAppType.SingleTenant, settings.TeamsAppType);
        Assert.Equal("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", settings.TeamsTenantId);
        Assert.Equal(WebChatAccess.Local, settings.WebChat);
        Assert.Equal("https://portal.example.com", settings.WebChatIdentityIssuer);
        Assert.Equal("https://support.example.com", settings.WebChatPublicBaseUrl);
    }

    [Fact]
    public void A_single_tenant_teams_bot_without_its_tenant_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new(Minimal)
        {
            ["teamsAppId"] = "6f1c2b9e-3d4a-4e5f-9a8b-7c6d5e4f3a2b",
            ["teamsAppType"] = "SingleTenant",
        }));

        Assert.Contains("'teamsTenantId'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_refuses_a_local_web_chat_that_would_let_anyone_in()
    {
        var error = Assert.Throws<ArgumentException>(() => Read(new(Minimal) { ["environment"] = "prod", ["webChat"] = "local" }));

        Assert.Contains("'webChat'", error.Message, StringComparison.Ordinal);
        Assert.Equal(WebChatAccess.Off, Read(new(Minimal) { ["environment"] = "prod", ["webChat"] = "off" }).WebChat);
    }

    private static DeploymentSettings Read(Dictionary<string, string> context) =>
        DeploymentSettings.FromContext(key => context.GetValueOrDefault(key));
}
