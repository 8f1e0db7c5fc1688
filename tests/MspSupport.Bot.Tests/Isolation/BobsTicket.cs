using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MspSupport.Bot.Tests.Isolation;

/// <summary>
/// Customer B's (fabrikam's) ticket, filed through the ticket API of a test host with a technician key: a title, a
/// description, a public and an internal note and a file, each carrying text that must never reach customer A. Tests
/// compare the ticket as a technician reads it with <see cref="Filed"/>.
/// </summary>
internal sealed class BobsTicket
{
    public const string Title = "Fabrikam payroll server down";
    public const string Description = "PAYROLL-FAB-01 rejects every login since the 3 am patch window.";
    public const string Note = "Bob restarted the payroll service twice; still down.";
    public const string InternalNote = "Fabrikam break-glass account is in vault entry heron-42.";
    public const string FileName = "fabrikam-payroll.log";

    /// <summary>Every piece of B's ticket that A must never see, in any reply.</summary>
    public static readonly string[] Secrets = [Title, Description, Note, InternalNote, FileName, "PAYROLL-FAB-01", "heron-42"];

    private readonly HttpClient _client;
    private readonly string _techKey;

    private BobsTicket(HttpClient client, string techKey, string id, string attachmentId, JsonObject filed)
    {
        _client = client;
        _techKey = techKey;
        Id = id;
        AttachmentId = attachmentId;
        Filed = filed;
    }

    public string Id { get; }

    /// <summary>The id of the file on B's ticket.</summary>
    public string AttachmentId { get; }

    /// <summary>B's ticket as a technician read it right after filing it.</summary>
    public JsonObject Filed { get; }

    public static async Task<BobsTicket> FileAsync(HttpClient client, string techKey)
    {
        using var created = await SendAsync(client, HttpMethod.Post, "/tickets", techKey,
            new JsonObject { ["title"] = Title, ["description"] = Description, ["customerId"] = "fabrikam", ["priority"] = "High" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["ticketId"]!;
        foreach (var note in new[] { new JsonObject { ["text"] = Note }, new JsonObject { ["text"] = InternalNote, ["internal"] = true } })
        {
            using var noted = await SendAsync(client, HttpMethod.Patch, $"/tickets/{id}", techKey, new JsonObject { ["addNote"] = note });
            Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        }

        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/tickets/{id}/attachments?fileName={FileName}")
        {
            Content = new ByteArrayContent("payroll login failures: 412"u8.ToArray()),
        };
        upload.Headers.Add("x-api-key", techKey);
        using var attached = await client.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var attachmentId = (string)(await attached.Content.ReadFromJsonAsync<JsonObject>())!["attachmentId"]!;

        var filed = await ReadAsync(client, techKey, id);
        return new BobsTicket(client, techKey, id, attachmentId, filed);
    }

    /// <summary>B's ticket as a technician reads it now.</summary>
    public Task<JsonObject> ReadAsync() => ReadAsync(_client, _techKey, Id);

    /// <summary>
    /// B's ticket is exactly as filed (same version, status, notes, assignee, files) and it is still fabrikam's only
    /// ticket: nothing A tried changed it or filed something in B's name.
    /// </summary>
    public async Task AssertUntouchedAsync()
    {
        var now = await ReadAsync();
        Assert.Equal((long)Filed["version"]!, (long)now["version"]!);
        Assert.Equal("Open", (string)now["status"]!);
        Assert.Equal(Title, (string)now["title"]!);
        Assert.Equal([Note, InternalNote], now["notes"]!.AsArray().Select(n => (string)n!["text"]!));
        Assert.Null(now["assignedTo"]);
        Assert.Equal(Filed.ToJsonString(), now.ToJsonString());

        using var list = await SendAsync(_client, HttpMethod.Get, "/tickets?customerId=fabrikam", _techKey);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = (await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal([Id], items.Select(t => (string)t!["ticketId"]!));
    }

    /// <summary>Fails naming the secret if <paramref name="seen"/> (everything A was shown) holds any of B's data.</summary>
    public static void AssertNothingOfBobs(string seen)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(seen.Contains(secret, StringComparison.OrdinalIgnoreCase), $"A was shown \"{secret}\" of B's ticket: {seen}");
        }
    }

    /// <summary>The answer a customer should get for a ticket that is not theirs: it does not exist for them.</summary>
    public static void AssertToldNoSuchTicket(string seen) =>
        Assert.True(seen.Contains("no ticket", StringComparison.OrdinalIgnoreCase), $"A was not told there is no such ticket: {seen}");

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string key, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonObject> ReadAsync(HttpClient client, string techKey, string id)
    {
        using var response = await SendAsync(client, HttpMethod.Get, $"/tickets/{id}", techKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
