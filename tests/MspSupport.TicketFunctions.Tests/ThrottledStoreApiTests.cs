using System.Net;
using Amazon.DynamoDBv2.Model;
using MspSupport.Testing.Dynalite;
using MspSupport.TicketFunctions.Http;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>
/// The ticket API on DynamoDB through <see cref="DynamoDbThrottlingProxy"/> (in front of dynalite, real HTTP), with
/// the SDK's retries off (<c>Storage:DynamoDb:MaxErrorRetry</c> = 0): a request DynamoDB refuses for throughput is
/// answered 503 with Retry-After and a ProblemDetails that says the store is busy and nothing was changed.
/// </summary>
public sealed class ThrottledStoreApiTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IAsyncLifetime
{
    private readonly string _table = dynalite.NewTableName(nameof(ThrottledStoreApiTests));
    private DynamoDbThrottlingProxy _proxy = null!;
    private TicketApiFactory _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _proxy = await DynamoDbThrottlingProxy.StartAsync(dynalite.ServiceUrl);
        _api = new TicketApiFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = _proxy.ServiceUrl,
            ["Storage:DynamoDb:TicketsTable"] = _table,
            ["Storage:DynamoDb:CreateTables"] = "true",
            ["Storage:DynamoDb:MaxErrorRetry"] = "0",
        });
        _client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Theory]
    [InlineData(DynamoDbThrottle.ProvisionedThroughputExceeded)]
    [InlineData(DynamoDbThrottle.Throttling)]
    [InlineData(DynamoDbThrottle.RequestLimitExceeded)]
    public async Task A_throttled_create_is_503_busy_with_retry_after_and_writes_nothing(DynamoDbThrottle kind)
    {
        _proxy.Throttle(kind, "PutItem", _table);

        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"VPN drops every hour"}""",
            r => r.Headers.Add("Idempotency-Key", "1c7a4c52-8f0e-4d1e-9f55-6d1f3c0b2a77"));

        await AssertBusyAsync(response);
        Assert.Equal(1, _proxy.Calls.Count(c => c.Throttled == kind)); // MaxErrorRetry=0: one attempt, no retry
        var items = (await dynalite.Client.ScanAsync(new ScanRequest { TableName = _table, ConsistentRead = true })).Items ?? [];
        Assert.Empty(items);

        _proxy.StopThrottling();
        var retried = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"VPN drops every hour"}""",
            r => r.Headers.Add("Idempotency-Key", "1c7a4c52-8f0e-4d1e-9f55-6d1f3c0b2a77"));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task A_throttled_read_is_503_busy_with_retry_after()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Printer offline"}"""))["ticketId"]!;
        _proxy.Throttle(DynamoDbThrottle.ProvisionedThroughputExceeded, "GetItem", _table);

        await AssertBusyAsync(await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", ContosoKey));
        await AssertBusyAsync(await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", ContosoKey, """{"title":"Printer offline again"}"""));

        _proxy.StopThrottling();
        var read = await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", ContosoKey)).JsonAsync();
        Assert.Equal("Printer offline", (string)read["title"]!);
        Assert.Equal(1L, (long)read["version"]!);
    }

    private static async Task AssertBusyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(StoreUnavailableHandler.ThrottledRetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(503, (int)problem["status"]!);
        Assert.Equal("Ticket storage is busy", (string)problem["title"]!);
        Assert.Equal("StoreThrottled", (string)problem["code"]!);
        Assert.Contains("nothing was changed", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
