using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>Every bad request gets a clear 4xx ProblemDetails naming what is wrong, and nothing is written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TicketApiFactory _api = new();
    private readonly HttpClient _client;

    public BadInputTests() => _client = _api.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
    }

    public static TheoryData<string, string, string> BadCreateBodies => new()
    {
        { "malformed JSON", """{"title": "x",""", "body" },
        { "truncated string", """{"title": "VPN""", "body" },
        { "an array instead of an object", """[{"title":"x"}]""", "body" },
        { "a bare string", "\"title\"", "body" },
        { "title is a number", """{"title": 5}""", "title" },
        { "title is null", """{"title": null}""", "title" },
        { "title is empty", """{"title": "   "}""", "title" },
        { "title too long", $$"""{"title": "{{new string('t', 201)}}"}""", "title" },
        { "title with a line break", """{"title": "a\nb"}""", "title" },
        { "description too long", $$"""{"title":"x","description": "{{new string('d', 8001)}}"}""", "description" },
        { "priority is a boolean", """{"title":"x","priority": true}""", "priority" },
        { "unknown priority", """{"title":"x","priority": "urgent"}""", "priority" },
        { "unknown category", """{"title":"x","category": "plumbing"}""", "category" },
        { "unknown field", """{"title":"x","owner": "bob"}""", "owner" },
        { "field in the wrong case", """{"Title":"x"}""", "Title" },
        { "customer id with a slash", """{"title":"x","customerId": "../fabrikam"}""", "customerId" },
        { "duplicate property", """{"title":"x","title":"y"}""", "body" },
        { "comments", """{"title":"x" /* hi */}""", "body" },
        { "deep nesting", "{\"title\":\"x\",\"a\":" + new string('[', 40) + new string(']', 40) + "}", "body" },
    };

    [Theory]
    [MemberData(nameof(BadCreateBodies))]
    public async Task Bad_create_bodies_get_a_400_naming_the_field_and_write_nothing(string because, string json, string field)
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode}");
        Assert.Contains(field, await response.ErrorFieldsAsync());
        await AssertNoTicketsAsync();
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey,
            """{"title":"","priority":"urgent","categry":"network","description":5}""");

        Assert.Equal(["categry", "description", "priority", "title"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_wrongly_typed_field_gets_one_message_that_says_so()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title": 5}""");
        var errors = (JsonObject)(await response.JsonAsync())["errors"]!;

        Assert.Equal(["Must be a string."], ((JsonArray)errors["title"]!).Select(m => (string)m!));
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        using var content = new ByteArrayContent([.. "{\"title\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tickets") { Content = content };
        request.Headers.Add("x-api-key", ContosoKey);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNoTicketsAsync();
    }

    [Fact]
    public async Task Bodies_over_64_KB_get_413()
    {
        var json = $$"""{"title":"x","description":"{{new string('a', 70_000)}}"}""";

        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("64 KB", (string)(await response.JsonAsync())["detail"]!, StringComparison.Ordinal);
        await AssertNoTicketsAsync();
    }

    [Fact]
    public async Task Bodies_over_64_KB_without_a_content_length_get_413()
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"title":"x","description":"{{new string('a', 70_000)}}"}""");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tickets") { Content = content };
        request.Headers.Add("x-api-key", ContosoKey);
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNoTicketsAsync();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Non_json_content_types_get_415(string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tickets")
        {
            Content = new ByteArrayContent("""{"title":"x"}"""u8.ToArray()),
        };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        request.Headers.Add("x-api-key", ContosoKey);
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNoTicketsAsync();
    }

    [Fact]
    public async Task Empty_body_gets_400()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", await response.ErrorFieldsAsync());
    }

    public static TheoryData<string, string> BadPatchBodies => new()
    {
        { "{}", "body" },
        { """{"status":"done"}""", "status" },
        { """{"status":null}""", "status" },
        { """{"addNote":"just text"}""", "addNote" },
        { """{"addNote":{"text":""}}""", "addNote.text" },
        { """{"addNote":{"text":"x","internal":"yes"}}""", "addNote.internal" },
        { """{"addNote":{"text":"x","pinned":true}}""", "addNote.pinned" },
        { "{\"addNote\":{\"text\":\"" + new string('n', 4001) + "\"}}", "addNote.text" },
        { """{"assignedTo":7}""", "assignedTo" },
        { """{"assignedTo":""}""", "assignedTo" },
        { """{"version":3}""", "version" },
        { """{"ticketId":"TKT-0000000-00000"}""", "ticketId" },
    };

    [Theory]
    [MemberData(nameof(BadPatchBodies))]
    public async Task Bad_patch_bodies_get_a_400_naming_the_field_and_change_nothing(string json, string field)
    {
        var id = await CreateAsync();

        var response = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
        Assert.Equal(1, (int)(await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", TechKey)).JsonAsync())["version"]!);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"abc\"")]
    [InlineData("\"-1\"")]
    public async Task A_malformed_if_match_gets_400(string ifMatch)
    {
        var id = await CreateAsync();

        var response = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"priority":"low"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("If-Match", await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("/tickets?limit=0", "limit")]
    [InlineData("/tickets?limit=101", "limit")]
    [InlineData("/tickets?limit=ten", "limit")]
    [InlineData("/tickets?limit=-5", "limit")]
    [InlineData("/tickets?status=pending", "status")]
    [InlineData("/tickets?priority=p1", "priority")]
    [InlineData("/tickets?category=x", "category")]
    [InlineData("/tickets?customerId=a%20b", "customerId")]
    [InlineData("/tickets?cursor=not-a-cursor", "cursor")]
    [InlineData("/tickets?cursor=eyJxIjoiIiwicCI6e319", "cursor")]
    [InlineData("/tickets?stauts=open", "stauts")]
    [InlineData("/tickets?status=open&status=closed", "status")]
    public async Task Bad_list_queries_get_a_400_naming_the_parameter(string url, string field)
    {
        var response = await _client.SendAsync(HttpMethod.Get, url, TechKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_cursor_cannot_be_replayed_against_other_filters()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync();
        }

        var page = await (await _client.SendAsync(HttpMethod.Get, "/tickets?limit=1&customerId=contoso", TechKey)).JsonAsync();
        var cursor = Uri.EscapeDataString((string)page["nextCursor"]!);

        var other = await _client.SendAsync(HttpMethod.Get, $"/tickets?limit=1&customerId=fabrikam&cursor={cursor}", TechKey);
        var same = await _client.SendAsync(HttpMethod.Get, $"/tickets?limit=1&customerId=contoso&cursor={cursor}", TechKey);

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Theory]
    [InlineData("/tickets/TKT-0000000-00000")]
    [InlineData("/tickets/not-a-ticket")]
    [InlineData("/tickets/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/tickets/TKT-1NGEC0X-XJTN0'%20OR%20'1'='1")]
    public async Task Unknown_or_malformed_ids_get_404(string url)
    {
        var get = await _client.SendAsync(HttpMethod.Get, url, TechKey);
        var patch = await _client.SendAsync(HttpMethod.Patch, url, TechKey, """{"priority":"low"}""");
        var delete = await _client.SendAsync(HttpMethod.Delete, url, AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a key with spaces")]
    public async Task A_bad_idempotency_key_gets_400(string key)
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"x"}""",
            r => r.Headers.TryAddWithoutValidation("Idempotency-Key", key.Length == 0 ? new string('k', 201) : key));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.ErrorFieldsAsync());
        await AssertNoTicketsAsync();
    }

    private async Task<string> CreateAsync() =>
        (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Keyboard missing keys"}"""))["ticketId"]!;

    private async Task AssertNoTicketsAsync()
    {
        var list = await (await _client.SendAsync(HttpMethod.Get, "/tickets", AdminKey)).JsonAsync();
        Assert.Empty((JsonArray)list["items"]!);
    }
}
