using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Testing.Telemetry;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests.Telemetry;

public sealed class TicketApiTelemetryTests
{
    [Fact]
    public async Task Creating_a_ticket_is_a_request_span_with_a_store_span_inside()
    {
        var spans = new CapturedSpans();
        using var api = new TicketApiFactory(new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" });
        using var client = api.WithWebHostBuilder(b => b.ConfigureTestServices(spans.AddTo)).CreateClient();

        var traceId = ActivityTraceId.CreateRandom();
        var created = await client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"Outlook asks for the password again","priority":"medium","category":"software"}""",
            r => r.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // Listeners are process-wide: other tests' spans may be exported too, so this one's are found by trace id.
        var request = await spans.WaitForAsync(a => a.TraceId == traceId && a.Kind == ActivityKind.Server && a.DisplayName.StartsWith("POST /tickets", StringComparison.Ordinal));
        var store = await spans.WaitForAsync(a => a.TraceId == traceId && a.DisplayName == "create tickets");
        Assert.Equal(request.TraceId, store.TraceId);
        Assert.Equal(request.SpanId, store.ParentSpanId);
        Assert.Equal("sqlite", store.GetTagItem("db.system.name"));
        Assert.Equal("create", store.GetTagItem("db.operation.name"));
        Assert.Equal("Created", store.GetTagItem("mspsupport.store.outcome"));
        Assert.Equal(201, request.GetTagItem("http.response.status_code"));
        Assert.StartsWith("/tickets", request.GetTagItem("http.route") as string, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_endpoint_serves_request_durations_and_store_errors_in_text_format()
    {
        using var api = new TicketApiFactory(new Dictionary<string, string?> { ["Telemetry:Prometheus:Enabled"] = "true" });
        using var client = api.CreateClient();
        await client.CreateTicketAsync(TechKey, """{"title":"New starter needs a laptop","priority":"low","category":"hardware","customerId":"contoso"}""");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, "/tickets/TKT-0000000-00000", TechKey)).StatusCode);

        // The exporter caches a scrape briefly; the request metrics are recorded when each response ends.
        string text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("http_response_status_code=\"404\"", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            var scrape = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
            text = await scrape.Content.ReadAsStringAsync();
        }

        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/tickets", text, StringComparison.Ordinal);
        Assert.Contains("http_response_status_code=\"201\"", text, StringComparison.Ordinal);
        Assert.Contains("http_response_status_code=\"404\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_telemetry_settings_there_is_no_metrics_endpoint()
    {
        using var api = new TicketApiFactory();
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("Telemetry:Otlp:Endpoint", "localhost:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Endpoint", "ftp://collector:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Protocol", "carrier-pigeon", "Telemetry:Otlp:Protocol")]
    [InlineData("Telemetry:Prometheus:Path", "metrics", "Telemetry:Prometheus:Path")]
    public void A_bad_telemetry_setting_stops_the_start_naming_the_setting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["Telemetry:Prometheus:Enabled"] = "true" };
        using var api = new TicketApiFactory(settings);
        var failure = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        var validation = failure as OptionsValidationException ?? (failure as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(validation);
        Assert.Contains(validation.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void An_otlp_endpoint_is_accepted_and_wires_an_exporter()
    {
        using var api = new TicketApiFactory(new Dictionary<string, string?> { ["Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:4317" });
        using var client = api.CreateClient();
        Assert.NotNull(api.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }
}
