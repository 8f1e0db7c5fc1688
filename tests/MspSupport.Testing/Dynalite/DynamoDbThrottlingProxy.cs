using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MspSupport.Testing.Dynalite;

/// <summary>
/// A real HTTP endpoint on loopback that sits in front of dynalite: point <c>Storage:DynamoDb:ServiceUrl</c> at
/// <see cref="ServiceUrl"/> and every request goes through to dynalite unchanged, except those a
/// <see cref="Throttle"/> rule matches, which get DynamoDB's own throughput refusal (HTTP 400,
/// <c>application/x-amz-json-1.0</c>, the error type in <c>__type</c>) as the AWS SDK receives it from AWS. The
/// SDK's retries reach the proxy too, so <see cref="Calls"/> shows every attempt.
/// </summary>
public sealed class DynamoDbThrottlingProxy : IAsyncDisposable
{
    private const string JsonProtocol = "application/x-amz-json-1.0";
    private static readonly HashSet<string> HopByHop = new(["Host", "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect"], StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly List<ProxiedDynamoDbCall> _calls = [];

    private DynamoDbThrottlingProxy(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    /// <summary>The endpoint, e.g. http://127.0.0.1:41234, as Storage:DynamoDb:ServiceUrl would name it.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ProxiedDynamoDbCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Starts the proxy on a free loopback port in front of <paramref name="upstreamServiceUrl"/> (dynalite's).</summary>
    public static async Task<DynamoDbThrottlingProxy> StartAsync(string upstreamServiceUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(upstreamServiceUrl);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(upstreamServiceUrl) };
        var proxy = new DynamoDbThrottlingProxy(app, upstream);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return proxy;
    }

    /// <summary>
    /// From now on, requests of <paramref name="operation"/> (any when null) on <paramref name="table"/> (any when
    /// null) are refused with <paramref name="kind"/>: the next <paramref name="times"/> of them, or all until
    /// <see cref="StopThrottling"/>.
    /// </summary>
    public void Throttle(DynamoDbThrottle kind, string? operation = null, string? table = null, int? times = null)
    {
        lock (_gate)
        {
            _rules.Add(new Rule(kind, operation, table, times));
        }
    }

    public void StopThrottling()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>DynamoDB's wire form of a refusal: the <c>__type</c> and the message AWS sends with it.</summary>
    public static (string Type, string Message) ErrorOf(DynamoDbThrottle kind) => kind switch
    {
        DynamoDbThrottle.ProvisionedThroughputExceeded => ("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."),
        DynamoDbThrottle.Throttling => ("com.amazon.coral.availability#ThrottlingException", "Rate of requests exceeds the allowed throughput."),
        DynamoDbThrottle.RequestLimitExceeded => ("com.amazonaws.dynamodb.v20120810#RequestLimitExceeded",
            "Throughput exceeds the current throughput limit for your account. Please contact AWS Support at https://aws.amazon.com/support request a limit increase"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.Contains('.', StringComparison.Ordinal) ? target[(target.LastIndexOf('.') + 1)..] : target;
        var table = TableOf(body);
        var throttled = Decide(operation, table);
        if (throttled is { } kind)
        {
            var (type, message) = ErrorOf(kind);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = JsonProtocol;
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("N");
            await context.Response.WriteAsync(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), context.RequestAborted);
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString)
        {
            Content = new ByteArrayContent(body),
        };
        foreach (var (name, value) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        using var answer = await _upstream.SendAsync(forward, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
    }

    private DynamoDbThrottle? Decide(string operation, string? table)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.Matches(operation, table));
            var rule = index < 0 ? null : _rules[index];
            if (rule?.Remaining is { } remaining)
            {
                if (remaining > 1)
                {
                    _rules[index] = rule with { Remaining = remaining - 1 };
                }
                else
                {
                    _rules.RemoveAt(index);
                }
            }

            _calls.Add(new ProxiedDynamoDbCall(operation, table, rule?.Kind));
            return rule?.Kind;
        }
    }

    private static string? TableOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("TableName", out var name)
                ? name.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private sealed record Rule(DynamoDbThrottle Kind, string? Operation, string? Table, int? Remaining)
    {
        public bool Matches(string operation, string? table) =>
            (Operation is null || string.Equals(Operation, operation, StringComparison.Ordinal)) &&
            (Table is null || string.Equals(Table, table, StringComparison.Ordinal));
    }
}
