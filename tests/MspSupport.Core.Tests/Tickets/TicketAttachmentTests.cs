using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Identity;
using MspSupport.Core.Tickets;
using MspSupport.Core.Tickets.Attachments;
using MspSupport.Testing;

namespace MspSupport.Core.Tests.Tickets;

/// <summary>Files on tickets with the real SQLite store and the local content folder.</summary>
public sealed class TicketAttachmentTests : IAsyncLifetime
{
    public static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    private static readonly CallerIdentity Alice = new() { Channel = "slack", TenantId = "T1", UserId = "U1", Role = CallerRole.Customer, CustomerId = "contoso", DisplayName = "Alice" };
    private static readonly CallerIdentity Mallory = new() { Channel = "slack", TenantId = "T2", UserId = "U9", Role = CallerRole.Customer, CustomerId = "fabrikam", DisplayName = "Mallory" };
    private static readonly CallerIdentity Bob = new() { Channel = "teams", TenantId = "msp", UserId = "tech-1", Role = CallerRole.Technician, DisplayName = "Bob" };

    private readonly TemporarySqlite _sqlite = new();
    private readonly string _files = Path.Combine(Path.GetTempPath(), "msp-attachments", Guid.NewGuid().ToString("N"));
    private SqliteTicketStore _store = null!;
    private TicketService _tickets = null!;
    private TicketAttachmentService _attachments = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteTicketStore(_sqlite.Storage);
        await _store.InitializeAsync(default);
        _tickets = new TicketService(_store, TimeProvider.System, [], Options.Create(new TicketOptions()), NullLogger<TicketService>.Instance);
        var options = Options.Create(new AttachmentOptions { Path = _files, MaxBytes = 1024 });
        _attachments = new TicketAttachmentService(_tickets, new LocalAttachmentContentStore(options), options, TimeProvider.System, NullLogger<TicketAttachmentService>.Instance);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        _sqlite.Dispose();
        if (Directory.Exists(_files))
        {
            Directory.Delete(_files, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("screenshot.png", true)]
    [InlineData("../../etc/passwd.png", true)]
    [InlineData("report.exe", false)]
    [InlineData("invoice.pdf", false)] // PNG bytes named .pdf: the first bytes decide
    [InlineData("noextension", false)]
    [InlineData("", false)]
    public void Rules_accept_known_types_whose_bytes_match(string name, bool accepted)
    {
        var errors = new ValidationErrors();

        var result = AttachmentRules.Check(name, PngBytes, 1024, errors);

        Assert.Equal(accepted, result is not null);
        Assert.Equal(accepted, errors.IsEmpty);
    }

    [Fact]
    public void Rules_clean_names_and_refuse_empty_oversize_and_binary_text()
    {
        Assert.Equal("passwd.png", AttachmentRules.CleanName("..\\..\\windows/passwd.png"));
        Assert.Equal("a.txt", AttachmentRules.CleanName("a\u0000\u001b.txt"));
        Assert.EndsWith(".log", AttachmentRules.CleanName(new string('x', 300) + ".log"));
        Assert.Equal(AttachmentRules.FileNameMaxLength, AttachmentRules.CleanName(new string('x', 300) + ".log")!.Length);

        var errors = new ValidationErrors();
        Assert.Null(AttachmentRules.Check("empty.txt", [], 1024, errors));
        Assert.Null(AttachmentRules.Check("big.txt", new byte[1025], 1024, errors));
        Assert.Null(AttachmentRules.Check("binary.log", [0x41, 0x00, 0x42], 1024, errors));
        Assert.Null(AttachmentRules.Check("latin1.csv", [0x41, 0xE9, 0x42], 1024, errors));
        Assert.Contains("larger than 1 KB", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("empty", errors.ToString(), StringComparison.Ordinal);
        Assert.NotNull(AttachmentRules.Check("notes.txt", "Résumé ok"u8, 1024, new ValidationErrors()));
    }

    [Fact]
    public async Task Uploaded_file_is_listed_on_the_ticket_and_reads_back()
    {
        var id = await NewTicketAsync();

        var result = await _attachments.UploadAsync(Alice, id, new IncomingFile("C:\\Users\\alice\\error.png", "application/octet-stream", PngBytes), default);
        var file = Assert.Single(result.Value!.Attachments);
        var opened = await _attachments.OpenAsync(Bob, id, file.AttachmentId, default);

        Assert.Equal(TicketOutcome.Ok, result.Outcome);
        Assert.Equal(("error.png", "image/png", 16L, "Alice"), (file.FileName, file.ContentType, file.Size, file.AddedBy));
        Assert.Equal(2, result.Value.Version);
        Assert.Equal(PngBytes, opened.Value.Content);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PngBytes)), file.Sha256);
    }

    [Fact]
    public async Task Another_customer_can_neither_attach_nor_read_and_nothing_is_stored()
    {
        var id = await NewTicketAsync();
        var mine = (await _attachments.UploadAsync(Alice, id, new IncomingFile("error.png", null, PngBytes), default)).Value!.Attachments[0];

        var attach = await _attachments.UploadAsync(Mallory, id, new IncomingFile("evil.png", null, PngBytes), default);
        var read = await _attachments.OpenAsync(Mallory, id, mine.AttachmentId, default);

        Assert.Equal(TicketOutcome.NotFound, attach.Outcome);
        Assert.Equal(TicketOutcome.NotFound, read.Outcome);
        Assert.Single(Directory.EnumerateFiles(_files, "*", SearchOption.AllDirectories));
        Assert.Single((await _store.GetAsync(id, default))!.Attachments);
    }

    [Fact]
    public async Task Refused_files_leave_neither_a_record_nor_bytes()
    {
        var id = await NewTicketAsync();
        await _tickets.UpdateAsync(Bob, id, new TicketChanges { Status = "closed" }, null, default);

        var toClosed = await _attachments.UploadAsync(Alice, id, new IncomingFile("error.png", null, PngBytes), default);
        var badType = await _attachments.UploadAsync(Bob, id, new IncomingFile("tool.exe", null, PngBytes), default);
        var unknown = await _attachments.OpenAsync(Alice, id, "A-nope", default);

        Assert.Equal(TicketOutcome.Conflict, toClosed.Outcome);
        Assert.Equal(TicketOutcome.Invalid, badType.Outcome);
        Assert.Equal(TicketOutcome.NotFound, unknown.Outcome);
        Assert.Empty((await _store.GetAsync(id, default))!.Attachments);
        Assert.False(Directory.Exists(_files) && Directory.EnumerateFiles(_files, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_ticket_holds_at_most_twenty_files()
    {
        var id = await NewTicketAsync();
        for (var i = 0; i < AttachmentRules.MaxPerTicket; i++)
        {
            Assert.True((await _attachments.UploadAsync(Bob, id, new IncomingFile($"f{i}.png", null, PngBytes), default)).Succeeded);
        }

        var one = await _attachments.UploadAsync(Bob, id, new IncomingFile("one-more.png", null, PngBytes), default);

        Assert.Equal(TicketOutcome.Invalid, one.Outcome);
        Assert.Equal(AttachmentRules.MaxPerTicket, (await _store.GetAsync(id, default))!.Attachments.Count);
        Assert.Equal(AttachmentRules.MaxPerTicket, Directory.EnumerateFiles(_files, "*", SearchOption.AllDirectories).Count());
    }

    private async Task<string> NewTicketAsync() =>
        (await _tickets.CreateAsync(Alice, new NewTicketRequest { Title = "Printer shows an error" }, null, default)).Value!.TicketId;
}
