using System.Net;
using System.Text.Json.Nodes;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Health_answers_without_credentials_and_readiness_touches_the_store()
    {
        using var api = new TicketApiFactory();
        using var client = api.CreateClient();

        var live = await client.GetAsync("/health");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.True(File.Exists(api.DatabasePath));
    }

    [Fact]
    public async Task Readiness_fails_when_the_store_is_gone()
    {
        using var api = new TicketApiFactory();
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(api.DatabasePath)!))
        {
            File.Delete(file);
        }

        Directory.Delete(Path.GetDirectoryName(api.DatabasePath)!);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route()
    {
        using var api = new TicketApiFactory();
        using var client = api.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.Equal(["/tickets", "/tickets/{ticketId}"], paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(paths["/tickets"]!["post"]);
        Assert.NotNull(paths["/tickets"]!["get"]);
        Assert.NotNull(paths["/tickets/{ticketId}"]!["patch"]);
        Assert.NotNull(paths["/tickets/{ticketId}"]!["delete"]);
        Assert.NotNull(document["components"]!["schemas"]!["CreateTicketBody"]);
    }

    [Fact]
    public async Task Each_key_has_its_own_rate_limit_answered_with_429_and_retry_after()
    {
        using var api = new TicketApiFactory(new Dictionary<string, string?> { ["RateLimiting:Burst"] = "3", ["RateLimiting:PerSecond"] = "1" });
        using var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.SendAsync(HttpMethod.Get, "/tickets", ContosoKey)).StatusCode);
        }

        var limited = await client.SendAsync(HttpMethod.Get, "/tickets", ContosoKey);
        var otherKey = await client.SendAsync(HttpMethod.Get, "/tickets", FabrikamKey);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Append(limited.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("Retry after", (string)(await limited.JsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Auth:ApiKeys:0:Hash", "abc", "Auth:ApiKeys:0:Hash" },
        { "Auth:ApiKeys:1:Role", "Superuser", "Auth:ApiKeys:1:Role" },
        { "Auth:ApiKeys:2:CustomerId", "", "Auth:ApiKeys:2:CustomerId" },
        { "Auth:ApiKeys:3:Name", "admin", "Auth:ApiKeys:3:Name" },
        { "Auth:Jwt:Authority", "https://issuer.example", "Auth:Jwt:Audience" },
        { "Storage:Provider", "Postgres", "Storage:Provider" },
        { "Storage:Sqlite:Path", "", "Storage:Sqlite:Path" },
        { "RateLimiting:Burst", "0", "RateLimiting:Burst" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Start_up_fails_with_a_message_naming_the_bad_setting(string key, string? value, string named)
    {
        using var api = new TicketApiFactory(new Dictionary<string, string?> { [key] = value });

        var error = Record.Exception(() => api.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_fails_when_nobody_could_authenticate()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < 4; i++)
        {
            settings[$"Auth:ApiKeys:{i}:Name"] = null;
            settings[$"Auth:ApiKeys:{i}:Hash"] = null;
            settings[$"Auth:ApiKeys:{i}:Role"] = null;
            settings[$"Auth:ApiKeys:{i}:CustomerId"] = null;
        }

        using var api = new TicketApiFactory(settings);
        var error = Record.Exception(() => api.CreateClient());

        Assert.Contains("Auth:ApiKeys", Flatten(error!), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is null ? "" : "\n" + Flatten(error.InnerException));
}
