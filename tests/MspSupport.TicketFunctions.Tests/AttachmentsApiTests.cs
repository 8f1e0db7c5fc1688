using System.Net;
using System.Net.Http.Headers;
using static MspSupport.TicketFunctions.Tests.TicketApiFactory;

namespace MspSupport.TicketFunctions.Tests;

/// <summary>POST and GET /tickets/{id}/attachments through the real host, SQLite and the local files folder.</summary>
public sealed class AttachmentsApiTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private readonly TicketApiFactory _api = new();
    private readonly HttpClient _client;

    public AttachmentsApiTests() => _client = _api.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task A_file_is_attached_listed_and_downloaded()
    {
        var id = await NewTicketAsync();

        var posted = await UploadAsync(id, ContosoKey, Png, "attachment; filename=\"printer error.png\"");
        var body = await posted.JsonAsync();
        var ticket = await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", TechKey)).JsonAsync();
        var download = await _client.SendAsync(HttpMethod.Get, posted.Headers.Location!.ToString(), TechKey);

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("printer error.png", (string)body["fileName"]!);
        Assert.Equal("image/png", (string)body["contentType"]!);
        Assert.Null(body["contentKey"]);
        Assert.Equal((string)body["attachmentId"]!, (string)ticket["attachments"]![0]!["attachmentId"]!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("printer error.png", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bad_uploads_get_clear_errors_and_store_nothing()
    {
        var id = await NewTicketAsync();

        var noName = await UploadAsync(id, ContosoKey, Png, disposition: null);
        var exe = await UploadAsync(id, ContosoKey, Png, "attachment; filename=setup.exe");
        var renamed = await UploadAsync(id, ContosoKey, "MZ\u0090\0"u8.ToArray(), "attachment; filename=photo.png");
        var huge = await UploadAsync(id, ContosoKey, new byte[5000], "attachment; filename=big.png");
        var otherCustomer = await UploadAsync(id, FabrikamKey, Png, "attachment; filename=a.png");
        var unknownTicket = await UploadAsync("TKT-0000000-00000", ContosoKey, Png, "attachment; filename=a.png");
        var traversal = await UploadAsync("..%2F..%2Fetc", ContosoKey, Png, "attachment; filename=a.png");
        var noKey = await UploadAsync(id, null, Png, "attachment; filename=a.png");

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("fileName", await noName.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("not accepted", (string)(await exe.JsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownTicket.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Empty((await (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}", TechKey)).JsonAsync())["attachments"]!.AsArray());
        Assert.False(Directory.Exists(_api.AttachmentsPath) && Directory.EnumerateFiles(_api.AttachmentsPath, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Files_are_read_only_by_those_who_may_see_the_ticket()
    {
        var id = await NewTicketAsync();
        var location = (await UploadAsync(id, ContosoKey, Png, "attachment; filename=a.png")).Headers.Location!.ToString();

        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(HttpMethod.Get, location, FabrikamKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(HttpMethod.Get, $"/tickets/{id}/attachments/A-unknown", ContosoKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, location, ContosoKey)).StatusCode);
    }

    private async Task<string> NewTicketAsync() =>
        (string)(await _client.CreateTicketAsync(ContosoKey, """{"title":"Printer shows an error"}"""))["ticketId"]!;

    private Task<HttpResponseMessage> UploadAsync(string ticketId, string? key, byte[] content, string? disposition) =>
        _client.SendAsync(HttpMethod.Post, $"/tickets/{ticketId}/attachments", key, configure: request =>
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            if (disposition is not null)
            {
                request.Content.Headers.ContentDisposition = ContentDispositionHeaderValue.Parse(disposition);
            }
        });
}
