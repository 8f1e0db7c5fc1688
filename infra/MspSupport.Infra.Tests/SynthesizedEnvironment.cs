namespace MspSupport.Infra.Tests;

/// <summary>The templates of one environment's stacks.</summary>
public sealed record SynthesizedEnvironment(
    DeploymentSettings Settings,
    TemplateJson Data,
    TemplateJson Knowledge,
    TemplateJson TicketApi,
    TemplateJson Bot,
    TemplateJson Monitoring,
    TemplateJson GitHubDeploy)
{
    public IEnumerable<TemplateJson> All => [Data, Knowledge, TicketApi, Bot, Monitoring, GitHubDeploy];

    public override string ToString() => Settings.EnvironmentName;
}
