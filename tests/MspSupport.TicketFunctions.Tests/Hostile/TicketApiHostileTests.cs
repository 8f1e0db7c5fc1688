using System.Text.Json.Nodes;
using MspSupport.Testing.Hostile;
using MspSupport.TicketFunctions.Http;
using Xunit.Abstractions;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests.Hostile;

/// <summary>
/// Every ticket API endpoint against the generated hostile battery: never a 5xx, every refusal a ProblemDetails with
/// a title and a detail (or the field errors), and the store exactly as it was before.
/// </summary>
public sealed class TicketApiHostileTests(ITestOutputHelper output)
{
    private const string ValidCreate = """{"title":"Printer jammed","description":"Tray 2 on floor 3","priority":"low","category":"hardware","customerId":"contoso"}""";
    private const string ValidUpdate = """{"title":"Printer jammed again","priority":"high","addNote":{"text":"Checked the tray","internal":false}}""";

    [Fact]
    public async Task No_hostile_request_gets_a_5xx_an_unclear_answer_or_a_write()
    {
        using var api = new TicketApiFactory();
        using var client = api.CreateClient();
        var existing = (string)(await client.CreateTicketAsync(AdminKey, ValidCreate))["ticketId"]!;
        var before = await SnapshotAsync(client);
        var ids = new Dictionary<string, string> { ["ticketId"] = existing };
        Func<IReadOnlyDictionary<string, string>> admin = () => new Dictionary<string, string> { ["x-api-key"] = AdminKey };
        HostileEndpoint[] endpoints =
        [
            new() { Method = HttpMethod.Post, PathTemplate = "/tickets", ValidBody = ValidCreate, AuthHeaders = admin, MaxBodyBytes = JsonBody.MaxBytes },
            new() { Method = HttpMethod.Get, PathTemplate = "/tickets", ValidQuery = "status=open&customerId=contoso&limit=10", AuthHeaders = admin },
            new() { Method = HttpMethod.Get, PathTemplate = "/tickets/{ticketId}", PathValues = ids, AuthHeaders = admin },
            new() { Method = HttpMethod.Patch, PathTemplate = "/tickets/{ticketId}", PathValues = ids, ValidBody = ValidUpdate, AuthHeaders = admin, MaxBodyBytes = JsonBody.MaxBytes },
            new() { Method = HttpMethod.Delete, PathTemplate = "/tickets/{ticketId}", PathValues = ids, AuthHeaders = admin },
        ];

        var tried = 0;
        var refusedByHttpLayer = 0;
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var hostile in HostileRequests.For(endpoint))
            {
                tried++;
                string? failure;
                try
                {
                    failure = await JudgeAsync(client, hostile);
                }
                catch (InvalidOperationException e) when (e.StackTrace?.Contains("UrlDecoder", StringComparison.Ordinal) == true)
                {
                    // A NUL in the path: the HTTP layer refuses it before the app (Kestrel answers 400; TestServer throws).
                    refusedByHttpLayer++;
                    continue;
                }

                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }
        }

        output.WriteLine($"{tried} hostile requests tried against {endpoints.Length} ticket API endpoints ({refusedByHttpLayer} refused by the HTTP layer before the app); {failures.Count} failed.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.True(tried > 300, $"only {tried} cases");
        Assert.Equal(before, await SnapshotAsync(client));
    }

    private static async Task<string?> JudgeAsync(HttpClient client, HostileCase hostile)
    {
        using var request = hostile.ToRequest();
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        if (status >= 500 || (hostile.MustRefuse && status is < 400 or > 499))
        {
            return $"{hostile}: {status}";
        }

        if (status < 400)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || JsonNode.Parse(body) is not JsonObject problem)
        {
            return $"{hostile}: {status} without ProblemDetails ({response.Content.Headers.ContentType}) {Clip(body)}";
        }

        var title = (string?)problem["title"];
        var explained = problem["detail"] is not null || problem["errors"] is JsonObject;
        return string.IsNullOrWhiteSpace(title) || !explained ? $"{hostile}: {status} with a vague problem {Clip(body)}" : null;
    }

    private static async Task<string> SnapshotAsync(HttpClient client)
    {
        var response = await client.SendAsync(HttpMethod.Get, "/tickets?limit=100", AdminKey);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Clip(string text) => text.Length > 200 ? text[..200] : text;
}
