using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;

namespace MspSupport.Infra;

/// <summary>The seed's alarms, one SNS topic they all notify, and a dashboard with the same metrics.</summary>
public sealed class MonitoringStack : Stack
{
    /// <summary>Namespace of the metrics the bot emits itself (model invocations and their errors).</summary>
    public const string AppNamespace = "MspSupport";
    public const string ModelInvocations = "ModelInvocations";
    public const string ModelInvocationErrors = "ModelInvocationErrors";

    public const double ApiLatencyP99Milliseconds = 3000;
    public const double FunctionErrorPercent = 5;
    public const double ModelErrorPercent = 1;

    // The operations the application calls; ThrottledRequests is reported per table and operation.
    private static readonly Operation[] TableOperations =
        [Operation.GET_ITEM, Operation.PUT_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.QUERY];

    public MonitoringStack(Construct scope, string id, DeploymentSettings settings, DataStack data, TicketApiStack api, IStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(api);

        Topic = new Topic(this, "Alarms", new TopicProps { DisplayName = $"{settings.Prefix} alarms" });
        if (settings.AlarmEmail is not null)
        {
            Topic.AddSubscription(new EmailSubscription(settings.AlarmEmail));
        }

        var period = Duration.Minutes(5);
        var latency = new Metric(new MetricProps
        {
            Namespace = "AWS/ApiGateway",
            MetricName = "Latency",
            DimensionsMap = new Dictionary<string, string> { ["ApiId"] = api.Api.Ref },
            Statistic = "p99",
            Period = period,
        });
        var functionErrors = new MathExpression(new MathExpressionProps
        {
            Expression = "100 * errors / invocations",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["errors"] = api.Function.MetricErrors(new MetricOptions { Statistic = "Sum", Period = period }),
                ["invocations"] = api.Function.MetricInvocations(new MetricOptions { Statistic = "Sum", Period = period }),
            },
            Label = "Ticket function errors (%)",
            Period = period,
        });
        var modelErrors = new MathExpression(new MathExpressionProps
        {
            Expression = "100 * errors / invocations",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["errors"] = AppMetric(settings, ModelInvocationErrors, period),
                ["invocations"] = AppMetric(settings, ModelInvocations, period),
            },
            Label = "Model invocation errors (%)",
            Period = period,
        });

        var alarms = new List<Alarm>
        {
            Alarm("ApiLatencyP99", latency, ApiLatencyP99Milliseconds, "Ticket API p99 latency above 3 s"),
            Alarm("FunctionErrorRate", functionErrors, FunctionErrorPercent, "Ticket function errors above 5% of invocations"),
            Alarm("ModelErrorRate", modelErrors, ModelErrorPercent, "Bedrock invocation errors above 1% of invocations"),
        };
        var throttles = new Dictionary<string, IMetric>();
        foreach (var (name, table) in new (string, Table)[] { ("Tickets", data.Tickets), ("Sessions", data.Sessions) })
        {
            var metric = table.MetricThrottledRequestsForOperations(new OperationsMetricOptions
            {
                Operations = TableOperations,
                Period = Duration.Minutes(1),
            });
            throttles[name] = metric;
            // Any throttle at all: on-demand tables only throttle past their scaling limits, which is worth a look.
            alarms.Add(Alarm($"{name}Throttles", metric, 0, $"{name} table throttled requests"));
        }

        var action = new SnsAction(Topic);
        foreach (var alarm in alarms)
        {
            alarm.AddAlarmAction(action);
            alarm.AddOkAction(action);
        }

        var dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DashboardName = $"{settings.Prefix}-overview" });
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps { Title = "API latency p99 (ms)", Left = [latency], Width = 12 }),
            new GraphWidget(new GraphWidgetProps { Title = "Ticket function errors (%)", Left = [functionErrors], Width = 12 }));
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps { Title = "Model invocation errors (%)", Left = [modelErrors], Width = 24 }));
        // One graph per table: each table's throttle sum reuses the same per-operation ids, which one graph cannot hold twice.
        dashboard.AddWidgets([.. throttles.Select(t => new GraphWidget(new GraphWidgetProps
        {
            Title = $"{t.Key} throttled requests",
            Left = [t.Value],
            Width = 12,
        }))]);
        dashboard.AddWidgets(new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Alarms = [.. alarms], Width = 24 }));
    }

    public Topic Topic { get; }

    private static Metric AppMetric(DeploymentSettings settings, string name, Duration period) => new(new MetricProps
    {
        Namespace = AppNamespace,
        MetricName = name,
        DimensionsMap = new Dictionary<string, string> { ["Environment"] = settings.EnvironmentName },
        Statistic = "Sum",
        Period = period,
    });

    private Alarm Alarm(string id, IMetric metric, double threshold, string description) => new(this, id, new AlarmProps
    {
        Metric = metric,
        Threshold = threshold,
        ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
        EvaluationPeriods = 1,
        // No traffic is not a fault: an idle demo should stay green.
        TreatMissingData = TreatMissingData.NOT_BREACHING,
        AlarmDescription = description,
    });
}
