using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

public sealed class TicketsApiTests : IDisposable
{
    private readonly TicketApiFactory _api = new();
    private readonly HttpClient _client;

    public TicketsApiTests() => _client = _api.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task Customer_files_a_ticket_and_reads_it_back()
    {
        var created = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey,
            """{"title":"  VPN drops every 10 minutes ","description":"Since the router swap.","priority":"high","category":"NETWORK"}""");
        var body = await created.JsonAsync();
        var id = (string)body["ticketId"]!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/tickets/{id}", created.Headers.Location?.ToString());
        Assert.Equal("\"1\"", created.ETag()?.Tag);
        Assert.Matches("^TKT-[0-9A-Z]{7}-[0-9A-Z]{5}$", id);
        Assert.Equal("VPN drops every 10 minutes", (string)body["title"]!);
        Assert.Equal("High", (string)body["priority"]!);
        Assert.Equal("Network", (string)body["category"]!);
        Assert.Equal("Open", (string)body["status"]!);
        Assert.Equal("contoso", (string)body["customerId"]!);
        Assert.Equal("contoso-portal", (string)body["createdBy"]!);
        Assert.Equal("api", (string)body["source"]!);
        Assert.EndsWith("Z", (string)body["createdAt"]!, StringComparison.Ordinal);

        var read = await _client.SendAsync(HttpMethod.Get, $"/tickets/{id.ToLowerInvariant()}", ContosoKey);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(id, (string)(await read.JsonAsync())["ticketId"]!);
        Assert.Equal("\"1\"", read.ETag()?.Tag);
    }

    [Fact]
    public async Task Defaults_are_medium_priority_and_general_category()
    {
        var body = await _client.CreateTicketAsync(ContosoKey, """{"title":"Need a new mouse"}""");

        Assert.Equal("Medium", (string)body["priority"]!);
        Assert.Equal("General", (string)body["category"]!);
        Assert.Equal("", (string)body["description"]!);
    }

    [Fact]
    public async Task Staff_must_say_which_customer_a_ticket_is_for()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", TechKey, """{"title":"Server disk full"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["customerId"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Technician_sees_every_customer_and_filters_by_customer_and_status()
    {
        await _client.CreateTicketAsync(ContosoKey, """{"title":"Contoso printer"}""");
        var fabrikam = await _client.CreateTicketAsync(FabrikamKey, """{"title":"Fabrikam VPN"}""");
        await _client.CreateTicketAsync(TechKey, """{"title":"Fabrikam backup","customerId":"fabrikam"}""");
        var id = (string)fabrikam["ticketId"]!;
        await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"status":"in_progress"}""");

        var all = await (await _client.SendAsync(HttpMethod.Get, "/tickets", TechKey)).JsonAsync();
        var fab = await (await _client.SendAsync(HttpMethod.Get, "/tickets?customerId=fabrikam", TechKey)).JsonAsync();
        var working = await (await _client.SendAsync(HttpMethod.Get, "/tickets?status=In%20Progress", TechKey)).JsonAsync();

        Assert.Equal(3, ((JsonArray)all["items"]!).Count);
        Assert.Equal(["Fabrikam backup", "Fabrikam VPN"], Titles(fab));
        Assert.Equal(["Fabrikam VPN"], Titles(working));
        Assert.Equal("In Progress", (string)((JsonArray)working["items"]!)[0]!["status"]!);
    }

    [Fact]
    public async Task Listing_walks_pages_with_the_cursor_until_it_ends()
    {
        for (var i = 0; i < 7; i++)
        {
            await _client.CreateTicketAsync(ContosoKey, $$"""{"title":"Ticket {{i}}"}""");
        }

        var seen = new List<string>();
        var times = new List<string>();
        var url = "/tickets?limit=3";
        var pages = 0;
        while (url is not null)
        {
            var page = await (await _client.SendAsync(HttpMethod.Get, url, ContosoKey)).JsonAsync();
            seen.AddRange(Titles(page));
            times.AddRange(((JsonArray)page["items"]!).Select(t => (string)t!["createdAt"]!));
            pages++;
            url = page["nextCursor"] is JsonValue cursor ? $"/tickets?limit=3&cursor={Uri.EscapeDataString((string)cursor!)}" : null;
        }

        // Newest first; tickets filed in the same millisecond come in ticket id order, so compare times, not titles.
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"Ticket {i}").Order(), seen.Order());
        Assert.Equal(times.OrderDescending(StringComparer.Ordinal), times);
    }

    [Fact]
    public async Task Patch_changes_fields_adds_a_note_and_moves_the_etag()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Outlook crashes"}"""))["ticketId"]!;

        var response = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey,
            """{"status":"In Progress","priority":"critical","assignedTo":"tech.bob","addNote":{"text":"Repairing the Office install."}}""",
            r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"")));
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.ETag()?.Tag);
        Assert.Equal("In Progress", (string)body["status"]!);
        Assert.Equal("Critical", (string)body["priority"]!);
        Assert.Equal("tech.bob", (string)body["assignedTo"]!);
        var note = Assert.Single((JsonArray)body["notes"]!)!;
        Assert.Equal("Repairing the Office install.", (string)note["text"]!);
        Assert.Equal("tech", (string)note["author"]!);
        Assert.False((bool)note["internal"]!);

        var unassigned = await (await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"assignedTo":null}""")).JsonAsync();
        Assert.Null(unassigned["assignedTo"]);
        Assert.Equal(3, (int)unassigned["version"]!);
    }

    [Fact]
    public async Task Stale_if_match_returns_412_and_changes_nothing()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Laptop fan loud"}"""))["ticketId"]!;
        await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"priority":"low"}""");

        var stale = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"priority":"high"}""",
            r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"")));
        var current = await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", TechKey)).JsonAsync();

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("version 2", (string)(await stale.JsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal("Low", (string)current["priority"]!);
        Assert.Equal(2, (int)current["version"]!);
    }

    [Fact]
    public async Task Customer_cannot_read_another_customers_ticket()
    {
        var id = (string)(await _client.CreateTicketAsync(FabrikamKey, """{"title":"Fabrikam secret"}"""))["ticketId"]!;

        var theirs = await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", ContosoKey);
        var unknown = await _client.SendAsync(HttpMethod.Get, "/tickets/TKT-0000000-00000", ContosoKey);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("Fabrikam secret", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_cannot_change_or_delete_another_customers_ticket()
    {
        var id = (string)(await _client.CreateTicketAsync(FabrikamKey, """{"title":"Fabrikam printer"}"""))["ticketId"]!;

        var patch = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", ContosoKey, """{"addNote":{"text":"mine now"}}""");
        var delete = await _client.SendAsync(HttpMethod.Delete, $"/tickets/{id}", ContosoKey);
        var after = await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", TechKey)).JsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(1, (int)after["version"]!);
        Assert.Empty((JsonArray)after["notes"]!);
    }

    [Fact]
    public async Task Customer_lists_only_its_own_tickets_and_cannot_ask_for_another_customer()
    {
        await _client.CreateTicketAsync(ContosoKey, """{"title":"Contoso one"}""");
        await _client.CreateTicketAsync(FabrikamKey, """{"title":"Fabrikam one"}""");

        var own = await (await _client.SendAsync(HttpMethod.Get, "/tickets", ContosoKey)).JsonAsync();
        var other = await _client.SendAsync(HttpMethod.Get, "/tickets?customerId=fabrikam", ContosoKey);

        Assert.Equal(["Contoso one"], Titles(own));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("Fabrikam one", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_cannot_file_a_ticket_for_another_customer_and_nothing_is_written()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"Sneaky","customerId":"fabrikam"}""");
        var fabrikam = await (await _client.SendAsync(HttpMethod.Get, "/tickets", FabrikamKey)).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((JsonArray)fabrikam["items"]!);
    }

    [Fact]
    public async Task Internal_notes_are_for_staff_only()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Mailbox full"}"""))["ticketId"]!;
        await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"addNote":{"text":"User has 40 GB of PSTs","internal":true}}""");
        await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"addNote":{"text":"Archiving old mail for you."}}""");

        var customerView = await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", ContosoKey)).JsonAsync();
        var staffView = await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", TechKey)).JsonAsync();
        var customerList = await (await _client.SendAsync(HttpMethod.Get, "/tickets", ContosoKey)).Content.ReadAsStringAsync();
        var customerTries = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", ContosoKey, """{"addNote":{"text":"psst","internal":true}}""");

        Assert.Equal(["Archiving old mail for you."], ((JsonArray)customerView["notes"]!).Select(n => (string)n!["text"]!));
        Assert.Equal(2, ((JsonArray)staffView["notes"]!).Count);
        Assert.DoesNotContain("PSTs", customerList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, customerTries.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_deletes()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Duplicate ticket"}"""))["ticketId"]!;

        var byTech = await _client.SendAsync(HttpMethod.Delete, $"/tickets/{id}", TechKey);
        var byCustomer = await _client.SendAsync(HttpMethod.Delete, $"/tickets/{id}", ContosoKey);
        var stillThere = await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", TechKey);
        var byAdmin = await _client.SendAsync(HttpMethod.Delete, $"/tickets/{id}", AdminKey);
        var gone = await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", AdminKey);

        Assert.Equal(HttpStatusCode.Forbidden, byTech.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_keeps_the_ticket()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Old ticket"}"""))["ticketId"]!;
        await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"priority":"low"}""");

        var delete = await _client.SendAsync(HttpMethod.Delete, $"/tickets/{id}", AdminKey, configure: r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"")));

        Assert.Equal(HttpStatusCode.PreconditionFailed, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", AdminKey)).StatusCode);
    }

    [Fact]
    public async Task A_closed_ticket_only_reopens()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Wi-Fi slow"}"""))["ticketId"]!;
        await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"status":"closed"}""");

        var toResolved = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"status":"resolved"}""");
        var note = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", TechKey, """{"addNote":{"text":"late note"}}""");
        var reopen = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", ContosoKey, """{"status":"open"}""");

        Assert.Equal(HttpStatusCode.Conflict, toResolved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, note.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.Equal("Open", (string)(await reopen.JsonAsync())["status"]!);
    }

    [Fact]
    public async Task Customer_may_close_its_ticket_but_not_resolve_or_assign_it()
    {
        var id = (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Monitor flickers"}"""))["ticketId"]!;

        var resolve = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", ContosoKey, """{"status":"resolved"}""");
        var assign = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", ContosoKey, """{"assignedTo":"me"}""");
        var close = await _client.SendAsync(HttpMethod.Patch, $"/tickets/{id}", ContosoKey, """{"status":"closed"}""");

        Assert.Equal(HttpStatusCode.Forbidden, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal(2, (int)(await close.JsonAsync())["version"]!);
    }

    [Fact]
    public async Task Repeated_idempotency_key_returns_the_first_ticket()
    {
        const string body = """{"title":"Phishing email received","category":"security"}""";
        void Key(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "3f0c9a52-7d0b-4f4e-9a61-0c1f6c3a1d11");

        var first = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, body, Key);
        var retry = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, body, Key);
        var list = await (await _client.SendAsync(HttpMethod.Get, "/tickets", TechKey)).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((string)(await first.JsonAsync())["ticketId"]!, (string)(await retry.JsonAsync())["ticketId"]!);
        Assert.Single((JsonArray)list["items"]!);
    }

    [Fact]
    public async Task Idempotency_key_reused_for_another_ticket_is_refused()
    {
        void Key(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "order-42");
        await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"First"}""", Key);

        var second = await _client.SendAsync(HttpMethod.Post, "/tickets", ContosoKey, """{"title":"Second"}""", Key);
        var fromOtherCaller = await _client.SendAsync(HttpMethod.Post, "/tickets", FabrikamKey, """{"title":"First"}""", Key);
        var list = await (await _client.SendAsync(HttpMethod.Get, "/tickets", TechKey)).JsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromOtherCaller.StatusCode);
        Assert.Equal(["First", "First"], Titles(list));
    }

    [Fact]
    public async Task Idempotency_key_replays_until_it_expires_and_then_files_a_new_ticket()
    {
        using var api = new TicketApiFactory(new Dictionary<string, string?> { ["Tickets:IdempotencyKeyTtlHours"] = IdempotencyKeyExpiry.TwoHours });

        await IdempotencyKeyExpiry.ReplaysWithinItsLifetimeThenFilesANewTicketAsync(api);
    }

    private static string[] Titles(JsonObject page) =>
        ((JsonArray)page["items"]!).Select(t => (string)t!["title"]!).ToArray();
}
