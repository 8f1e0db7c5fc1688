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

        Assert.Equal(["/tickets", "/tickets/{ticketId}", "/tickets/{ticketId}/attachments", "/tickets/{ticketId}/attachments/{attachmentId}"], paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(paths["/tickets/{ticketId}/attachments"]!["post"]);
        Assert.NotNull(paths["/tickets/{ticketId}/attachments/{attachmentId}"]!["get"]);
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

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "--Auth:ApiKeys:0:Hash=abc", "", "Auth:ApiKeys:0:Hash" },
        { "--Auth:ApiKeys:0:Role=Superuser", "", "Auth:ApiKeys:0:Role" },
        { "--Auth:ApiKeys:0:Role=Customer", "", "Auth:ApiKeys:0:CustomerId" },
        { "--Auth:ApiKeys:1:Name=admin", "--Auth:ApiKeys:1:Hash=" + new string('a', 64) + " --Auth:ApiKeys:1:Role=Technician", "Auth:ApiKeys:1:Name" },
        { "--Auth:Jwt:Authority=https://issuer.example", "", "Auth:Jwt:Audience" },
        { "--Storage:Sqlite:Path=", "", "Storage:Sqlite:Path" },
        { "--Storage:DynamoDb:ServiceUrl=localhost:8000", "", "Storage:DynamoDb:ServiceUrl" },
        { "--RateLimiting:Burst=0", "", "RateLimiting:Burst" },
        { "--Tickets:IdempotencyKeyTtlHours=0", "", "Tickets:IdempotencyKeyTtlHours" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_up_fails_with_a_message_naming_the_bad_setting(string setting, string extra, string named)
    {
        var (exitCode, output) = await RunApiAsync(
            "--Auth:ApiKeys:0:Name=admin", "--Auth:ApiKeys:0:Hash=" + new string('0', 64), "--Auth:ApiKeys:0:Role=Admin",
            setting, extra);

        Assert.Equal(2, exitCode);
        Assert.Contains("Fix these settings", output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_fails_when_nobody_could_authenticate()
    {
        var (exitCode, output) = await RunApiAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("Auth:ApiKeys", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the real API process (as an operator would) with settings on the command line; it must exit by itself.</summary>
    private static async Task<(int ExitCode, string Output)> RunApiAsync(params string[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "msp-start-tests", Guid.NewGuid().ToString("N"));
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MspSupport.TicketFunctions.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Storage:Sqlite:Path={Path.Combine(folder, "t.db")}");
        foreach (var setting in settings.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The API started although its settings are bad.");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
