using Amazon.CDK;

namespace MspSupport.Infra;

/// <summary>Every stack of one environment. Deploy order: Data, Knowledge, TicketApi, Bot (it trusts the API's Cognito pool), Monitoring; GitHubDeploy first or any time.</summary>
public sealed record MspSupportStacks(
    DataStack Data,
    KnowledgeStack Knowledge,
    TicketApiStack TicketApi,
    BotStack Bot,
    MonitoringStack Monitoring,
    GitHubDeployStack GitHubDeploy)
{
    public static MspSupportStacks Add(App app, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);

        var props = new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = settings.Account, Region = settings.Region },
            Tags = new Dictionary<string, string> { ["project"] = "msp-support", ["environment"] = settings.EnvironmentName },
        };
        var prefix = settings.Prefix;
        var data = new DataStack(app, $"{prefix}-Data", settings, props);
        var knowledge = new KnowledgeStack(app, $"{prefix}-Knowledge", settings, props);
        var api = new TicketApiStack(app, $"{prefix}-TicketApi", settings, data, props);
        var bot = new BotStack(app, $"{prefix}-Bot", settings, data, knowledge, api, props);
        var monitoring = new MonitoringStack(app, $"{prefix}-Monitoring", settings, data, api, props);
        var deploy = new GitHubDeployStack(app, $"{prefix}-GitHubDeploy", settings, props);
        return new MspSupportStacks(data, knowledge, api, bot, monitoring, deploy);
    }
}
