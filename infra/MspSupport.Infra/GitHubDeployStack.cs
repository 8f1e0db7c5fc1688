using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace MspSupport.Infra;

/// <summary>
/// The role GitHub Actions assumes through the account's GitHub OIDC provider: one repository, its deploy branch,
/// and its protected <c>production</c> environment. It deploys by assuming the CDK bootstrap roles (which
/// CloudFormation then uses), pushes the bot image, and reads stack outputs for the post-deploy checks.
/// </summary>
public sealed class GitHubDeployStack : Stack
{
    public const string TokenHost = "token.actions.githubusercontent.com";
    public const string DeploymentEnvironment = "production";

    public GitHubDeployStack(Construct scope, string id, DeploymentSettings settings, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var providerArn = settings.GitHubOidcProviderArn ?? new CfnOIDCProvider(this, "GitHubOidc", new CfnOIDCProviderProps
        {
            Url = $"https://{TokenHost}",
            ClientIdList = ["sts.amazonaws.com"],
            // IAM no longer checks GitHub's thumbprint (it trusts the issuer's CA), but the property is still required.
            ThumbprintList = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"],
        }).AttrArn;

        var repository = $"{settings.GitHubOwner}/{settings.GitHubRepository}";
        Role = new Role(this, "DeployRole", new RoleProps
        {
            RoleName = $"{settings.Prefix}-github-deploy",
            MaxSessionDuration = Duration.Hours(1),
            Description = $"GitHub Actions deploys of {repository} ({settings.GitHubBranch} and the {DeploymentEnvironment} environment).",
            // A job bound to an environment gets "environment:<name>" as its subject instead of the branch, so the
            // deploy job needs the second value; the environment's branch rule keeps it to the deploy branch.
            AssumedBy = new WebIdentityPrincipal(providerArn, new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    [$"{TokenHost}:aud"] = "sts.amazonaws.com",
                    [$"{TokenHost}:sub"] = new[]
                    {
                        $"repo:{repository}:ref:refs/heads/{settings.GitHubBranch}",
                        $"repo:{repository}:environment:{DeploymentEnvironment}",
                    },
                },
            }),
        });

        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sts:AssumeRole"],
            Resources = [$"arn:{Partition}:iam::{Account}:role/cdk-hnb659fds-*-role-{Account}-{Region}"],
        }));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["cloudformation:DescribeStacks"],
            Resources = [$"arn:{Partition}:cloudformation:{Region}:{Account}:stack/{settings.Prefix}-*/*"],
        }));
        // GetAuthorizationToken is account-wide by design (no resource-level permissions); pushes are to one repository.
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ecr:GetAuthorizationToken"],
            Resources = ["*"],
        }));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions =
            [
                "ecr:DescribeRepositories", "ecr:DescribeImages",
                "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:InitiateLayerUpload",
                "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
            ],
            Resources = [$"arn:{Partition}:ecr:{Region}:{Account}:repository/{BotStack.RepositoryName(settings)}"],
        }));

        new CfnOutput(this, "DeployRoleArnOutput", new CfnOutputProps { Value = Role.RoleArn });
    }

    public Role Role { get; }
}
