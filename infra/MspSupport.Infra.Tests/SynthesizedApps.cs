using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace MspSupport.Infra.Tests;

/// <summary>
/// Synthesizes every stack once per test run: the jsii runtime takes about 15 s to start node and load the CDK,
/// so the test classes share these apps instead of each building its own.
/// </summary>
public sealed class SynthesizedApps : IDisposable
{
    private readonly string _functionCode;

    public SynthesizedApps()
    {
        // A stand-in for the ticket function zip: the stacks only hash and stage the folder.
        _functionCode = Directory.CreateTempSubdirectory("msp-infra-code-").FullName;
        File.WriteAllText(Path.Combine(_functionCode, "bootstrap"), "#!/bin/sh\n");

        Demo = Synthesize(TestSettings.For(DeploymentSettings.Demo, _functionCode) with
        {
            TeamsAppId = TestSettings.TeamsAppId,
            WebChat = WebChatAccess.Local,
        });
        Production = Synthesize(TestSettings.For(DeploymentSettings.Production, _functionCode) with
        {
            Authorizer = ApiAuthorizer.Jwt,
            Architecture = FunctionArchitecture.Arm64,
            ApiKeys = [],
            TeamsAppId = TestSettings.TeamsAppId,
            TeamsAppType = TeamsAppType.SingleTenant,
            TeamsTenantId = TestSettings.TenantId,
            WebChatIdentityIssuer = "https://portal.contoso-msp.example",
            WebChatIdentityAudience = "msp-support-webchat",
            WebChatPublicBaseUrl = "https://support.contoso-msp.example",
        });
        FirstDeploy = Synthesize(TestSettings.For(DeploymentSettings.Demo, _functionCode) with { BotImageTag = null });
    }

    public SynthesizedEnvironment Demo { get; }

    public SynthesizedEnvironment Production { get; }

    /// <summary>Demo before the first image push: no bot image tag yet.</summary>
    public SynthesizedEnvironment FirstDeploy { get; }

    public IEnumerable<SynthesizedEnvironment> Both => [Demo, Production];

    public void Dispose() => Directory.Delete(_functionCode, recursive: true);

    private static SynthesizedEnvironment Synthesize(DeploymentSettings settings)
    {
        var app = new App(new AppProps { Outdir = Directory.CreateTempSubdirectory("msp-infra-out-").FullName });
        var stacks = MspSupportStacks.Add(app, settings);
        return new SynthesizedEnvironment(
            settings,
            new TemplateJson(Template.FromStack(stacks.Data)),
            new TemplateJson(Template.FromStack(stacks.Knowledge)),
            new TemplateJson(Template.FromStack(stacks.TicketApi)),
            new TemplateJson(Template.FromStack(stacks.Bot)),
            new TemplateJson(Template.FromStack(stacks.Monitoring)),
            new TemplateJson(Template.FromStack(stacks.GitHubDeploy)));
    }
}
