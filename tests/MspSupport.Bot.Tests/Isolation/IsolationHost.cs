using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// One bot host with every channel on, its stand-ins, and customer B's ticket filed through the ticket API with the
/// technician key: a title, a description, a public and an internal note and a file, each carrying text that must
/// never reach customer A. Tests compare the ticket as a technician reads it with <see cref="Filed"/>.
/// </summary>
public sealed class IsolationHost : IAsyncLifetime
{
    public const string BobsTitle = "Fabrikam payroll server down";
    public const string BobsDescription = "PAYROLL-FAB-01 rejects every login since the 3 am patch window.";
    public const string BobsNote = "Bob restarted the payroll service twice; still down.";
    public const string BobsInternalNote = "Fabrikam break-glass account is in vault entry heron-42.";
    public const string BobsFileName = "fabrikam-payroll.log";

    /// <summary>Every piece of B's ticket that A must never see, in any reply.</summary>
    public static readonly string[] BobsSecrets = [BobsTitle, BobsDescription, BobsNote, BobsInternalNote, BobsFileName, "PAYROLL-FAB-01", "heron-42"];

    public BotConnectorStandIn Connector { get; } = new();

    internal SlackApiStandIn Slack { get; private set; } = null!;

    internal IsolationHostFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>B's ticket id.</summary>
    public string BobsTicketId { get; private set; } = "";

    /// <summary>The id of the file on B's ticket.</summary>
    public string BobsAttachmentId { get; private set; } = "";

    /// <summary>B's ticket as a technician read it right after filing it.</summary>
    public JsonObject Filed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await SlackApiStandIn.StartAsync();
        Factory = new IsolationHostFactory(Connector, Slack);
        Client = Factory.CreateClient();
        await Factory.WaitForKnowledgeAsync();

        using var created = await SendAsync(HttpMethod.Post, "/tickets", IsolationHostFactory.TechKey,
            new JsonObject { ["title"] = BobsTitle, ["description"] = BobsDescription, ["customerId"] = "fabrikam", ["priority"] = "High" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        BobsTicketId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["ticketId"]!;
        foreach (var note in new[] { new JsonObject { ["text"] = BobsNote }, new JsonObject { ["text"] = BobsInternalNote, ["internal"] = true } })
        {
            using var noted = await SendAsync(HttpMethod.Patch, $"/tickets/{BobsTicketId}", IsolationHostFactory.TechKey, new JsonObject { ["addNote"] = note });
            Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        }

        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/tickets/{BobsTicketId}/attachments?fileName={BobsFileName}")
        {
            Content = new ByteArrayContent("payroll login failures: 412"u8.ToArray()),
        };
        upload.Headers.Add("x-api-key", IsolationHostFactory.TechKey);
        using var attached = await Client.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        BobsAttachmentId = (string)(await attached.Content.ReadFromJsonAsync<JsonObject>())!["attachmentId"]!;

        Filed = await BobsTicketAsync();
    }

    /// <summary>B's ticket as a technician reads it now.</summary>
    public async Task<JsonObject> BobsTicketAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/tickets/{BobsTicketId}", IsolationHostFactory.TechKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// B's ticket is exactly as filed (same version, status, notes, assignee, files) and it is still fabrikam's only
    /// ticket: nothing A tried changed it or filed something in B's name.
    /// </summary>
    public async Task AssertBobsTicketUntouchedAsync()
    {
        var now = await BobsTicketAsync();
        Assert.Equal((long)Filed["version"]!, (long)now["version"]!);
        Assert.Equal("Open", (string)now["status"]!);
        Assert.Equal(BobsTitle, (string)now["title"]!);
        Assert.Equal([BobsNote, BobsInternalNote], now["notes"]!.AsArray().Select(n => (string)n!["text"]!));
        Assert.Null(now["assignedTo"]);
        Assert.Equal(Filed.ToJsonString(), now.ToJsonString());

        using var list = await SendAsync(HttpMethod.Get, "/tickets?customerId=fabrikam", IsolationHostFactory.TechKey);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = (await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal([BobsTicketId], items.Select(t => (string)t!["ticketId"]!));
    }

    /// <summary>Fails naming the secret if <paramref name="seen"/> (everything A was shown) holds any of B's data.</summary>
    public static void AssertNothingOfBobs(string seen)
    {
        foreach (var secret in BobsSecrets)
        {
            Assert.False(seen.Contains(secret, StringComparison.OrdinalIgnoreCase), $"A was shown \"{secret}\" of B's ticket: {seen}");
        }
    }

    /// <summary>The answer a customer should get for a ticket that is not theirs: it does not exist for them.</summary>
    public static void AssertToldNoSuchTicket(string seen) =>
        Assert.True(seen.Contains("no ticket", StringComparison.OrdinalIgnoreCase), $"A was not told there is no such ticket: {seen}");

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Slack.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
