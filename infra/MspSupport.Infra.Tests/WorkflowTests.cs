using YamlDotNet.RepresentationModel;

namespace MspSupport.Infra.Tests;

/// <summary>Reads the GitHub Actions workflows as YAML and checks what they promise: triggers, steps, permissions.</summary>
public sealed class WorkflowTests
{
    private readonly YamlMappingNode _ci = Load("ci.yml");
    private readonly YamlMappingNode _deploy = Load("deploy.yml");

    [Fact]
    public void Ci_runs_on_pull_requests_and_pushes_to_main()
    {
        var on = Map(_ci, "on");

        Assert.True(on.Children.ContainsKey("pull_request"));
        Assert.Equal(["main"], Seq(Map(on, "push"), "branches"));
    }

    [Fact]
    public void Ci_runs_the_readmes_test_command_the_format_check_and_the_vulnerability_audit()
    {
        var runs = Runs(Job(_ci, "build-and-test"));

        Assert.Contains(runs, r => r.Trim() == "./test.sh");
        Assert.Contains(runs, r => r.Contains("dotnet format", StringComparison.Ordinal) && r.Contains("--verify-no-changes", StringComparison.Ordinal));
        var audit = Assert.Single(runs, r => r.Contains("--vulnerable", StringComparison.Ordinal));
        Assert.Contains("--include-transitive", audit, StringComparison.Ordinal);
        Assert.Contains("exit 1", audit, StringComparison.Ordinal);
        Assert.Contains(Uses(Job(_ci, "build-and-test")), u => u.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        Assert.Contains(Uses(Job(_ci, "build-and-test")), u => u.StartsWith("actions/setup-node@", StringComparison.Ordinal));
    }

    [Fact]
    public void Ci_never_asks_for_an_oidc_token()
    {
        Assert.DoesNotContain("id-token", File.ReadAllText(WorkflowPath("ci.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_runs_by_hand_and_on_pushes_to_main()
    {
        var on = Map(_deploy, "on");

        Assert.True(on.Children.ContainsKey("workflow_dispatch"));
        Assert.Equal(["main"], Seq(Map(on, "push"), "branches"));
    }

    [Fact]
    public void Only_the_jobs_that_assume_the_aws_role_get_an_oidc_token()
    {
        Assert.False(Map(_deploy, "permissions").Children.ContainsKey("id-token"));
        foreach (var (name, job) in Jobs(_deploy))
        {
            var assumesRole = Uses(job).Any(u => u.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal));
            Assert.True(assumesRole == HasTokenWrite(job), $"job '{name}': assumes the role {assumesRole}, id-token: write {HasTokenWrite(job)}");
        }

        Assert.Equal(["deploy", "diff"], Jobs(_deploy).Where(j => HasTokenWrite(j.Job)).Select(j => j.Name).Order());
    }

    [Fact]
    public void Deploy_diffs_first_and_deploys_only_through_the_protected_production_environment()
    {
        var diff = Job(_deploy, "diff");
        var deploy = Job(_deploy, "deploy");

        Assert.Contains(Runs(diff), r => r.Contains("diff", StringComparison.Ordinal) && r.Contains("aws-cdk", StringComparison.Ordinal));
        Assert.DoesNotContain(Runs(diff), r => r.Contains(" deploy ", StringComparison.Ordinal));
        Assert.Equal("diff", deploy.Children["needs"].ToString());
        Assert.Equal("production", deploy.Children["environment"].ToString());
        Assert.Contains(Runs(deploy), r => r.Contains("aws-cdk@2 deploy", StringComparison.Ordinal));
        Assert.Single(Jobs(_deploy), j => j.Job.Children.ContainsKey("environment"));
    }

    [Fact]
    public void Deploy_pushes_the_bot_image_and_checks_both_services_health_afterwards()
    {
        var runs = Runs(Job(_deploy, "deploy"));

        Assert.Contains(runs, r => r.Contains("docker build -f deploy/bot/Dockerfile", StringComparison.Ordinal) && r.Contains("docker push", StringComparison.Ordinal));
        var checks = runs.Where(r => r.Contains("curl --fail", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, checks.Count);
        Assert.All(checks, c => Assert.Contains("/health", c, StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Contains("ApiUrlOutput", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Contains("BotUrlOutput", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_packages_the_ticket_function_with_the_build_script_without_aws_access()
    {
        var package = Job(_deploy, "package");

        Assert.Contains(Runs(package), r => r.Contains("deploy/lambda/build-zip.sh", StringComparison.Ordinal));
        Assert.False(package.Children.ContainsKey("permissions"));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_version()
    {
        foreach (var workflow in new[] { _ci, _deploy })
        {
            foreach (var (_, job) in Jobs(workflow))
            {
                Assert.All(Uses(job), u => Assert.Matches(@"^[\w.-]+/[\w.-]+@v\d+$", u));
            }
        }
    }

    private static bool HasTokenWrite(YamlMappingNode job) =>
        job.Children.TryGetValue("permissions", out var permissions)
        && ((YamlMappingNode)permissions).Children.TryGetValue("id-token", out var idToken)
        && idToken.ToString() == "write";

    private static string WorkflowPath(string name) => RepositoryRoot.File(".github", "workflows", name);

    private static YamlMappingNode Load(string name)
    {
        using var reader = new StreamReader(WorkflowPath(name));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[key];

    private static List<string> Seq(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node.Children[key]).Children.Select(c => c.ToString())];

    private static IEnumerable<(string Name, YamlMappingNode Job)> Jobs(YamlMappingNode workflow) =>
        Map(workflow, "jobs").Children.Select(j => (j.Key.ToString(), (YamlMappingNode)j.Value));

    private static YamlMappingNode Job(YamlMappingNode workflow, string name) => Map(Map(workflow, "jobs"), name);

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children["steps"]).Children.Cast<YamlMappingNode>();

    private static List<string> Runs(YamlMappingNode job) =>
        [.. Steps(job).Where(s => s.Children.ContainsKey("run")).Select(s => s.Children["run"].ToString())];

    private static List<string> Uses(YamlMappingNode job) =>
        [.. Steps(job).Where(s => s.Children.ContainsKey("uses")).Select(s => s.Children["uses"].ToString())];
}
