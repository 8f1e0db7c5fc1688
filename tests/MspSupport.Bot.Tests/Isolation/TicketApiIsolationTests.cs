using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// Customer A's ticket API key (contoso) against customer B's ticket (fabrikam) on the real bot host: every route
/// answers 404 as for a ticket that does not exist, shows nothing of B's and changes nothing.
/// </summary>
[Collection(IsolationHostGroup.Name)]
public sealed class TicketApiIsolationTests(IsolationHost host)
{
    private const string ContosoKey = IsolationHostFactory.ContosoKey;

    [Fact]
    public async Task Reading_another_customers_ticket_is_404_like_a_ticket_that_does_not_exist()
    {
        using var response = await host.SendAsync(HttpMethod.Get, $"/tickets/{host.BobsTicketId}", ContosoKey);

        await AssertNotFoundAsync(response);
        await host.AssertBobsTicketUntouchedAsync();
    }

    [Fact]
    public async Task Changing_another_customers_ticket_is_404_and_changes_nothing()
    {
        var attempts = new[]
        {
            new JsonObject { ["status"] = "Closed" },
            new JsonObject { ["title"] = "Hijacked", ["description"] = "mine now" },
            new JsonObject { ["addNote"] = new JsonObject { ["text"] = "A was here" } },
        };

        foreach (var body in attempts)
        {
            using var response = await host.SendAsync(HttpMethod.Patch, $"/tickets/{host.BobsTicketId}", ContosoKey, body);
            await AssertNotFoundAsync(response);
        }

        using var withVersion = new HttpRequestMessage(HttpMethod.Patch, $"/tickets/{host.BobsTicketId}") { Content = JsonContent.Create(new JsonObject { ["status"] = "Closed" }) };
        withVersion.Headers.Add("x-api-key", ContosoKey);
        withVersion.Headers.TryAddWithoutValidation("If-Match", $"\"{(long)host.Filed["version"]!}\"");
        await AssertNotFoundAsync(await host.Client.SendAsync(withVersion));
        await host.AssertBobsTicketUntouchedAsync();
    }

    [Fact]
    public async Task Deleting_another_customers_ticket_is_404_and_it_stays()
    {
        using var response = await host.SendAsync(HttpMethod.Delete, $"/tickets/{host.BobsTicketId}", ContosoKey);

        await AssertNotFoundAsync(response);
        await host.AssertBobsTicketUntouchedAsync();
    }

    [Fact]
    public async Task Downloading_a_file_of_another_customers_ticket_is_404()
    {
        using var response = await host.SendAsync(HttpMethod.Get, $"/tickets/{host.BobsTicketId}/attachments/{host.BobsAttachmentId}", ContosoKey);

        await AssertNotFoundAsync(response);
        await host.AssertBobsTicketUntouchedAsync();
    }

    [Fact]
    public async Task Attaching_a_file_to_another_customers_ticket_is_404_and_attaches_nothing()
    {
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/tickets/{host.BobsTicketId}/attachments?fileName=a-was-here.txt")
        {
            Content = new ByteArrayContent("contoso was here"u8.ToArray()),
        };
        upload.Headers.Add("x-api-key", ContosoKey);

        await AssertNotFoundAsync(await host.Client.SendAsync(upload));
        await host.AssertBobsTicketUntouchedAsync();
    }

    [Fact]
    public async Task Listing_with_another_customers_id_shows_none_of_its_tickets()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/tickets?customerId=fabrikam", ContosoKey);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain(host.BobsTicketId, body, StringComparison.Ordinal);
        IsolationHost.AssertNothingOfBobs(body);
    }

    /// <summary>404 with a problem that says the ticket is not there, and nothing of B's in it.</summary>
    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        IsolationHost.AssertToldNoSuchTicket(body);
        IsolationHost.AssertNothingOfBobs(body);
        response.Dispose();
    }
}
