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

    private static DeploymentSettings Read(Dictionary<string, string> context) =>
        DeploymentSettings.FromContext(key => context.GetValueOrDefault(key));
}
