using System.Text.Json;

namespace MspSupport.Infra.Tests;

[Collection(SynthesisCollection.Name)]
public sealed class MonitoringStackTests(SynthesizedApps apps)
{
    [Fact]
    public void Api_latency_alarm_fires_when_p99_exceeds_3000_ms()
    {
        var alarm = Alarm(a => a.Has("MetricName") && a.Str("MetricName") == "Latency");

        Assert.Equal("AWS/ApiGateway", alarm.Str("Namespace"));
        Assert.Equal("p99", alarm.Str("ExtendedStatistic"));
        Assert.Equal(3000, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal("GreaterThanThreshold", alarm.Str("ComparisonOperator"));
        Assert.Contains("ApiId", alarm.GetProperty("Dimensions").Raw(), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_error_alarm_fires_above_5_percent_of_invocations()
    {
        var alarm = MathAlarm("AWS/Lambda", "Errors");

        Assert.Equal(5, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal("GreaterThanThreshold", alarm.Str("ComparisonOperator"));
        var metrics = alarm.GetProperty("Metrics").Raw();
        Assert.Contains("100 * errors / invocations", metrics, StringComparison.Ordinal);
        Assert.Contains("\"Invocations\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_error_alarm_reads_the_apps_own_metrics_and_fires_above_1_percent()
    {
        var alarm = MathAlarm("MspSupport", "ModelInvocationErrors");

        Assert.Equal(1, alarm.GetProperty("Threshold").GetDouble());
        var metrics = alarm.GetProperty("Metrics").Raw();
        Assert.Contains("\"ModelInvocations\"", metrics, StringComparison.Ordinal);
        Assert.Contains("100 * errors / invocations", metrics, StringComparison.Ordinal);
        Assert.Contains("\"Environment\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_table_alarms_on_any_throttled_request()
    {
        var throttles = Alarms()
            .Where(a => a.Has("Metrics") && a.GetProperty("Metrics").Raw().Contains("ThrottledRequests", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, throttles.Count);
        Assert.All(throttles, a =>
        {
            Assert.Equal(0, a.GetProperty("Threshold").GetDouble());
            Assert.Equal("GreaterThanThreshold", a.Str("ComparisonOperator"));
        });
        Assert.Single(throttles, a => a.GetProperty("Metrics").Raw().Contains("Tickets", StringComparison.Ordinal));
        Assert.Single(throttles, a => a.GetProperty("Metrics").Raw().Contains("Sessions", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_alarm_notifies_the_alarm_topic_and_a_dashboard_shows_the_metrics()
    {
        var alarms = Alarms();

        Assert.Equal(5, alarms.Count);
        Assert.Single(apps.Demo.Monitoring.Resources("AWS::SNS::Topic"));
        Assert.All(alarms, a => Assert.Contains("Alarms", a.GetProperty("AlarmActions").Raw(), StringComparison.Ordinal));
        var body = apps.Demo.Monitoring.One("AWS::CloudWatch::Dashboard").GetProperty("DashboardBody").Raw();
        Assert.Contains("Latency", body, StringComparison.Ordinal);
        Assert.Contains("ModelInvocationErrors", body, StringComparison.Ordinal);
    }

    private List<JsonElement> Alarms() =>
        [.. apps.Demo.Monitoring.Resources("AWS::CloudWatch::Alarm").Select(a => a.Resource.GetProperty("Properties"))];

    private JsonElement Alarm(Func<JsonElement, bool> match) => Assert.Single(Alarms(), a => match(a));

    private JsonElement MathAlarm(string metricNamespace, string metricName) => Alarm(a =>
        a.Has("Metrics") && a.GetProperty("Metrics").EnumerateArray().Any(m =>
            m.TryGetProperty("MetricStat", out var stat)
            && stat.GetProperty("Metric").Str("Namespace") == metricNamespace
            && stat.GetProperty("Metric").Str("MetricName") == metricName));
}
