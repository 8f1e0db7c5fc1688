using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Tickets and idempotency records as DynamoDB attribute maps. Written by hand against the low-level API
/// because the ticket API is published with Native AOT, where the SDK's reflection-based object mapper does not work.
/// </summary>
internal static class DynamoDbTicketItems
{
    public const string TicketId = "TicketId";
    public const string Title = "Title";
    public const string Description = "Description";
    public const string Status = "Status";
    public const string Priority = "Priority";
    public const string Category = "Category";
    public const string CustomerId = "CustomerId";
    public const string CreatedAt = "CreatedAt";
    public const string UpdatedAt = "UpdatedAt";
    public const string CreatedBy = "CreatedBy";
    public const string AssignedTo = "AssignedTo";
    public const string Source = "Source";
    public const string Version = "Version";
    public const string Notes = "Notes";
    public const string Attachments = "Attachments";

    public const string NoteId = "NoteId";
    public const string NoteAuthor = "Author";
    public const string NoteText = "Text";
    public const string NoteCreatedAt = "CreatedAt";
    public const string NoteInternal = "Internal";

    public const string AttachmentId = "AttachmentId";
    public const string FileName = "FileName";
    public const string ContentType = "ContentType";
    public const string Size = "Size";
    public const string Sha256 = "Sha256";
    public const string AddedBy = "AddedBy";
    public const string AddedAt = "AddedAt";

    /// <summary>
    /// Idempotency records share the table with tickets under this key prefix. Ticket ids start with
    /// <see cref="TicketIds.Prefix"/>, so the two can never collide, and a record has neither CustomerId nor
    /// Status, so it never shows up in the indexes that listings read.
    /// </summary>
    public const string IdempotencyPrefix = "IDEMPOTENCY#";
    public const string Fingerprint = "Fingerprint";
    public const string ClaimedTicketId = "ClaimedTicketId";
    public const string ClaimedTicket = "Ticket";

    /// <summary>Set once the claimed ticket is known to be written, so that a later delete of it is not undone by a replay.</summary>
    public const string Completed = "Completed";

    /// <summary>
    /// When an idempotency record expires, in epoch seconds: the table's TTL attribute (tickets never carry it, so TTL
    /// only ever reaps records). TTL deletes late, so the store also treats a record past this time as absent.
    /// </summary>
    public const string ExpiresAt = "ExpiresAt";

    // UtcTimestamp text is fixed width and UTC, so the string order the indexes sort by is the time order.
    public static string FormatTime(DateTimeOffset value) => UtcTimestamp.ToText(value);

    private static DateTimeOffset ParseTime(string text, string id, string attribute) =>
        UtcTimestamp.TryParse(text, out var value) ? value : throw Corrupt(id, attribute);

    public static bool IsReservedKey(string id) => id.StartsWith(IdempotencyPrefix, StringComparison.Ordinal);

    public static Dictionary<string, AttributeValue> Key(string id) => new(StringComparer.Ordinal)
    {
        [TicketId] = new AttributeValue { S = id },
    };

    public static Dictionary<string, AttributeValue> ToItem(Ticket ticket)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [TicketId] = Text(ticket.TicketId),
            [Title] = Text(ticket.Title),
            [Description] = Text(ticket.Description),
            [Status] = Text(ticket.Status.Name()),
            [Priority] = Text(ticket.Priority.Name()),
            [Category] = Text(ticket.Category.Name()),
            [CustomerId] = Text(ticket.CustomerId),
            [CreatedAt] = Text(FormatTime(ticket.CreatedAt)),
            [UpdatedAt] = Text(FormatTime(ticket.UpdatedAt)),
            [CreatedBy] = Text(ticket.CreatedBy),
            [Source] = Text(ticket.Source.Name()),
            [Version] = Number(ticket.Version),
            [Notes] = new AttributeValue { L = ticket.Notes.Select(ToNote).ToList() },
        };
        if (ticket.AssignedTo is not null)
        {
            item[AssignedTo] = Text(ticket.AssignedTo);
        }

        if (ticket.Attachments.Count > 0)
        {
            item[Attachments] = new AttributeValue { L = ticket.Attachments.Select(ToAttachment).ToList() };
        }

        return item;
    }

    public static Ticket ToTicket(Dictionary<string, AttributeValue> item)
    {
        var id = Required(item, TicketId, "?");
        return new Ticket
        {
            TicketId = id,
            Title = Required(item, Title, id),
            Description = Optional(item, Description) ?? "",
            Status = Parse<TicketStatus>(item, Status, id, TicketNames.TryParseStatus),
            Priority = Parse<TicketPriority>(item, Priority, id, TicketNames.TryParsePriority),
            Category = Parse<TicketCategory>(item, Category, id, TicketNames.TryParseCategory),
            CustomerId = Required(item, CustomerId, id),
            CreatedAt = ParseTime(Required(item, CreatedAt, id), id, CreatedAt),
            UpdatedAt = ParseTime(Required(item, UpdatedAt, id), id, UpdatedAt),
            CreatedBy = Required(item, CreatedBy, id),
            AssignedTo = Optional(item, AssignedTo),
            Source = Parse<TicketSource>(item, Source, id, TicketNames.TryParseSource),
            Version = long.Parse(RequiredNumber(item, Version, id), NumberStyles.Integer, CultureInfo.InvariantCulture),
            Notes = item.TryGetValue(Notes, out var notes) && notes.L is { } list
                ? list.Select(n => ToNote(n, id)).ToList()
                : [],
            Attachments = item.TryGetValue(Attachments, out var files) && files.L is { } fileList
                ? fileList.Select(f => ToAttachment(f, id)).ToArray()
                : [],
        };
    }

    public static Dictionary<string, AttributeValue> ToClaimItem(IdempotencyClaim claim, Ticket ticket) =>
        new(StringComparer.Ordinal)
        {
            [TicketId] = Text(IdempotencyPrefix + claim.Key),
            [Fingerprint] = Text(claim.Fingerprint),
            [ClaimedTicketId] = Text(ticket.TicketId),
            [ClaimedTicket] = new AttributeValue { M = ToItem(ticket) },
            [ExpiresAt] = Number(claim.ExpiresAt.ToUnixTimeSeconds()),
        };

    public static StoredClaim ToClaim(Dictionary<string, AttributeValue> item)
    {
        var key = Required(item, TicketId, "?");
        var ticket = item.TryGetValue(ClaimedTicket, out var map) && map.M is { } m
            ? ToTicket(m)
            : throw Corrupt(key, ClaimedTicket);
        return new StoredClaim(
            Required(item, Fingerprint, key),
            ticket,
            item.TryGetValue(Completed, out var done) && done.BOOL == true,
            item.TryGetValue(ExpiresAt, out var expires) && long.TryParse(expires.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : 0);
    }

    /// <summary>
    /// An idempotency record as read back: who claimed the key, the ticket it was claimed for, and when it expires
    /// (epoch seconds; 0 for a record written before keys expired, which counts as expired).
    /// </summary>
    internal sealed record StoredClaim(string Fingerprint, Ticket Ticket, bool Completed, long ExpiresAtSeconds)
    {
        public bool HasExpiredAt(DateTimeOffset now) => ExpiresAtSeconds <= now.ToUnixTimeSeconds();
    }

    private static AttributeValue ToNote(TicketNote note) => new()
    {
        M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [NoteId] = Text(note.NoteId),
            [NoteAuthor] = Text(note.Author),
            [NoteText] = Text(note.Text),
            [NoteCreatedAt] = Text(FormatTime(note.CreatedAt)),
            [NoteInternal] = new AttributeValue { BOOL = note.Internal },
        },
    };

    private static TicketNote ToNote(AttributeValue value, string ticketId)
    {
        var note = value.M ?? throw Corrupt(ticketId, Notes);
        return new TicketNote
        {
            NoteId = Required(note, NoteId, ticketId),
            Author = Required(note, NoteAuthor, ticketId),
            Text = Required(note, NoteText, ticketId),
            CreatedAt = ParseTime(Required(note, NoteCreatedAt, ticketId), ticketId, Notes),
            Internal = note.TryGetValue(NoteInternal, out var flag) && flag.BOOL == true,
        };
    }

    private static AttributeValue ToAttachment(TicketAttachment file) => new()
    {
        M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [AttachmentId] = Text(file.AttachmentId),
            [FileName] = Text(file.FileName),
            [ContentType] = Text(file.ContentType),
            [Size] = Number(file.Size),
            [Sha256] = Text(file.Sha256),
            [AddedBy] = Text(file.AddedBy),
            [AddedAt] = Text(FormatTime(file.AddedAt)),
        },
    };

    private static TicketAttachment ToAttachment(AttributeValue value, string ticketId)
    {
        var file = value.M ?? throw Corrupt(ticketId, Attachments);
        return new TicketAttachment
        {
            AttachmentId = Required(file, AttachmentId, ticketId),
            FileName = Required(file, FileName, ticketId),
            ContentType = Required(file, ContentType, ticketId),
            Size = long.Parse(RequiredNumber(file, Size, ticketId), NumberStyles.Integer, CultureInfo.InvariantCulture),
            Sha256 = Required(file, Sha256, ticketId),
            AddedBy = Required(file, AddedBy, ticketId),
            AddedAt = ParseTime(Required(file, AddedAt, ticketId), ticketId, Attachments),
        };
    }

    private static AttributeValue Text(string value) => new() { S = value };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string? Optional(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static string Required(Dictionary<string, AttributeValue> item, string name, string id) =>
        Optional(item, name) ?? throw Corrupt(id, name);

    private static string RequiredNumber(Dictionary<string, AttributeValue> item, string name, string id) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? n : throw Corrupt(id, name);

    private delegate bool NameParser<T>(string? text, out T value);

    private static T Parse<T>(Dictionary<string, AttributeValue> item, string name, string id, NameParser<T> parser) =>
        parser(Required(item, name, id), out var value) ? value : throw Corrupt(id, name);

    // A stored item that does not read back as a ticket is a bug or a hand edit, not an expected failure.
    private static InvalidDataException Corrupt(string id, string attribute) =>
        new($"DynamoDB item '{id}' is not a valid ticket: attribute '{attribute}' is missing or malformed.");
}
