using System.Text.Json;

namespace MspSupport.Infra.Tests;

[Collection(SynthesisCollection.Name)]
public sealed class GitHubDeployStackTests(SynthesizedApps apps)
{
    [Fact]
    public void Deploy_role_trusts_github_tokens_of_one_repository_on_its_main_branch()
    {
        var trust = Trust();

        Assert.Equal("sts:AssumeRoleWithWebIdentity", trust.Str("Action"));
        Assert.Contains("GitHubOidc", trust.GetProperty("Principal").GetProperty("Federated").Raw(), StringComparison.Ordinal);
        var equals = trust.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("sts.amazonaws.com", equals.Str("token.actions.githubusercontent.com:aud"));
        var subjects = equals.GetProperty("token.actions.githubusercontent.com:sub").Items().Select(s => s.GetString()).ToList();
        Assert.Contains("repo:contoso-msp/msp-support:ref:refs/heads/main", subjects);
    }

    [Fact]
    public void Deploy_role_trust_names_exact_subjects_and_the_production_environment_only()
    {
        var trust = Trust();

        // Only exact matches: a StringLike with "repo:owner/*" would let every repository and branch in.
        Assert.Equal(["StringEquals"], trust.GetProperty("Condition").EnumerateObject().Select(p => p.Name));
        var subjects = trust.GetProperty("Condition").GetProperty("StringEquals").GetProperty("token.actions.githubusercontent.com:sub")
            .Items().Select(s => s.GetString()!).ToList();
        Assert.Equal(
            ["repo:contoso-msp/msp-support:environment:production", "repo:contoso-msp/msp-support:ref:refs/heads/main"],
            subjects.Order());
    }

    [Fact]
    public void Oidc_provider_is_github_with_the_sts_audience()
    {
        var provider = apps.Demo.GitHubDeploy.One("AWS::IAM::OIDCProvider");

        Assert.Equal("https://token.actions.githubusercontent.com", provider.Str("Url"));
        Assert.Equal("""["sts.amazonaws.com"]""", provider.GetProperty("ClientIdList").Raw());
    }

    [Fact]
    public void Deploy_role_assumes_the_cdk_bootstrap_roles_and_pushes_only_to_the_bot_repository()
    {
        var (_, _, document) = Assert.Single(PolicyFindings.Documents(apps.Demo.GitHubDeploy, "GitHubDeploy"));
        var statements = document.GetProperty("Statement").Items();

        var assume = Assert.Single(statements, s => s.GetProperty("Action").Raw() == "\"sts:AssumeRole\"");
        Assert.Contains("role/cdk-hnb659fds-*-role-123456789012-eu-west-1", assume.GetProperty("Resource").Raw(), StringComparison.Ordinal);
        var push = Assert.Single(statements, s => s.GetProperty("Action").Raw().Contains("ecr:PutImage", StringComparison.Ordinal));
        Assert.Contains(":ecr:eu-west-1:123456789012:repository/msp-support-demo-bot", push.GetProperty("Resource").Raw(), StringComparison.Ordinal);
        Assert.Equal(BotStack.RepositoryName(apps.Demo.Settings), apps.Demo.Bot.One("AWS::ECR::Repository").Str("RepositoryName"));
    }

    private JsonElement Trust() =>
        Assert.Single(apps.Demo.GitHubDeploy.One("AWS::IAM::Role").GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").Items());
}
