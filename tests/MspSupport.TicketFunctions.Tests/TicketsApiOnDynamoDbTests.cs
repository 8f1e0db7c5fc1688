using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using MspSupport.Testing.Dynalite;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>
/// The ticket API configured for DynamoDB (dynalite on loopback) the way a deployment is: through settings only.
/// The store's own behaviour is covered by the shared contract suite; this checks the wiring end to end.
/// </summary>
public sealed class TicketsApiOnDynamoDbTests : IClassFixture<DynaliteFixture>, IDisposable
{
    private readonly DynaliteFixture _dynalite;
    private readonly string _table;
    private readonly TicketApiFactory _api;
    private readonly HttpClient _client;

    public TicketsApiOnDynamoDbTests(DynaliteFixture dynalite)
    {
        _dynalite = dynalite;
        _table = dynalite.NewTableName(nameof(TicketsApiOnDynamoDbTests));
        _api = new TicketApiFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl,
            ["Storage:DynamoDb:TicketsTable"] = _table,
            ["Storage:DynamoDb:CreateTables"] = "true",
        });
        _client = _api.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task Tickets_are_filed_changed_replayed_and_listed_through_DynamoDb()
    {
        void Key(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d");
        var first = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"VPN drops","priority":"high"}""", Key);
        var retry = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"VPN drops","priority":"high"}""", Key);
        var id = (string)(await first.JsonAsync())["ticketId"]!;
        for (var i = 0; i < 4; i++)
        {
            await _client.CreateTicketAsync(FabrikamKey, $$"""{"title":"Fabrikam {{i}}"}""");
        }

        var patched = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"status":"In Progress"}""",
            r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"")));
        var stale = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"status":"Resolved"}""",
            r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"")));
        var working = await (await _client.SendAsync(HttpMethod.Get, "/tickets?status=In%20Progress", TechKey)).JsonAsync();
        var everything = await WalkAsync("/tickets?limit=2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(id, (string)(await retry.JsonAsync())["ticketId"]!);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal([id], ((JsonArray)working["items"]!).Select(t => (string)t!["ticketId"]!));
        Assert.Equal(5, everything.Count);
        Assert.Equal(5, everything.Distinct().Count());
        var stored = await _dynalite.Client.GetItemAsync(_table, new() { ["TicketId"] = new AttributeValue { S = id } });
        Assert.Equal("In Progress", stored.Item["Status"].S);
    }

    [Fact]
    public async Task Idempotency_key_replays_until_it_expires_and_then_files_a_new_ticket_on_DynamoDb()
    {
        using var api = new TicketApiFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "DynamoDb",
            ["Storage:DynamoDb:ServiceUrl"] = _dynalite.ServiceUrl,
            ["Storage:DynamoDb:TicketsTable"] = _dynalite.NewTableName(nameof(TicketsApiOnDynamoDbTests)),
            ["Storage:DynamoDb:CreateTables"] = "true",
            ["Tickets:IdempotencyKeyTtlHours"] = IdempotencyKeyExpiry.TwoHours,
        });

        await IdempotencyKeyExpiry.ReplaysWithinItsLifetimeThenFilesANewTicketAsync(api);
    }

    [Fact]
    public async Task Idempotency_records_carry_their_expiry_for_DynamoDb_ttl()
    {
        var before = DateTimeOffset.UtcNow;
        var created = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"Mailbox full"}""",
            r => r.Headers.Add("Idempotency-Key", "ttl-check-1"));
        var scan = await _dynalite.Client.ScanAsync(new ScanRequest { TableName = _table });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var record = Assert.Single(scan.Items, i => i["TicketId"].S.StartsWith("IDEMPOTENCY#", StringComparison.Ordinal));
        var ticket = Assert.Single(scan.Items, i => i["TicketId"].S.StartsWith("TKT-", StringComparison.Ordinal));
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(record["ExpiresAt"].N, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expires, before.AddHours(24).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(24).AddSeconds(1));
        Assert.False(ticket.ContainsKey("ExpiresAt"));
    }

    private async Task<List<string>> WalkAsync(string firstUrl)
    {
        var ids = new List<string>();
        string? url = firstUrl;
        while (url is not null && ids.Count < 100)
        {
            var page = await (await _client.SendAsync(HttpMethod.Get, url, TechKey)).JsonAsync();
            ids.AddRange(((JsonArray)page["items"]!).Select(t => (string)t!["ticketId"]!));
            url = page["nextCursor"] is JsonValue cursor ? $"{firstUrl}&cursor={Uri.EscapeDataString((string)cursor!)}" : null;
        }

        return ids;
    }
}
