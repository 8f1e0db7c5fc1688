using System.Text;

namespace MspSupport.Core.Tickets.Attachments;

/// <summary>
/// Which files may be attached to a ticket: screenshots, documents, logs and mail a service desk needs, by extension,
/// with the first bytes checked against the extension so that a renamed executable is refused. The stored type is
/// the canonical one for the extension, never the type the sender declared.
/// </summary>
public static class AttachmentRules
{
    public const int FileNameMaxLength = 120;
    public const int MaxPerTicket = 20;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif = "GIF8"u8.ToArray();
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly Dictionary<string, (string Type, Func<ReadOnlySpan<byte>, bool> Looks)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = ("image/png", b => b.StartsWith(Png)),
        [".jpg"] = ("image/jpeg", b => b.StartsWith(Jpeg)),
        [".jpeg"] = ("image/jpeg", b => b.StartsWith(Jpeg)),
        [".gif"] = ("image/gif", b => b.StartsWith(Gif)),
        [".webp"] = ("image/webp", b => b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)),
        [".pdf"] = ("application/pdf", b => b.StartsWith(Pdf)),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b => b.StartsWith(Zip)),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b => b.StartsWith(Zip)),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b => b.StartsWith(Zip)),
        [".zip"] = ("application/zip", b => b.StartsWith(Zip)),
        [".msg"] = ("application/vnd.ms-outlook", b => b.StartsWith(Ole)),
        [".eml"] = ("message/rfc822", IsText),
        [".txt"] = ("text/plain", IsText),
        [".log"] = ("text/plain", IsText),
        [".csv"] = ("text/csv", IsText),
        [".json"] = ("application/json", IsText),
    };

    /// <summary>The extensions accepted, for messages to users.</summary>
    public static string AcceptedList => string.Join(", ", Allowed.Keys.Order(StringComparer.Ordinal));

    /// <summary>
    /// Checks one file; on success returns its cleaned name and canonical type, otherwise adds a reason a person
    /// understands to <paramref name="errors"/> under <paramref name="field"/>.
    /// </summary>
    public static (string FileName, string ContentType)? Check(string? fileName, ReadOnlySpan<byte> content, long maxBytes, ValidationErrors errors, string field = "file")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = CleanName(fileName);
        if (name is null)
        {
            errors.Add(field, "The file needs a name with an extension, e.g. screenshot.png.");
            return null;
        }

        if (content.IsEmpty)
        {
            errors.Add(field, $"{name} is empty.");
            return null;
        }

        if (content.Length > maxBytes)
        {
            errors.Add(field, $"{name} is larger than {Size(maxBytes)}, the most a file can be.");
            return null;
        }

        if (!Allowed.TryGetValue(Path.GetExtension(name), out var kind))
        {
            errors.Add(field, $"{name} cannot be attached: this type of file is not accepted. Accepted: {AcceptedList}.");
            return null;
        }

        if (!kind.Looks(content))
        {
            errors.Add(field, $"{name} does not look like a {Path.GetExtension(name).TrimStart('.').ToUpperInvariant()} file, so it was not attached.");
            return null;
        }

        return (name, kind.Type);
    }

    /// <summary>The last path segment, without control characters, at most <see cref="FileNameMaxLength"/> characters (extension kept).</summary>
    public static string? CleanName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var last = fileName.Replace('\\', '/').Split('/').Last();
        var clean = new string(last.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
        var extension = Path.GetExtension(clean);
        if (clean.Length == 0 || extension.Length < 2 || extension.Length > 10)
        {
            return null;
        }

        return clean.Length <= FileNameMaxLength ? clean : clean[..(FileNameMaxLength - extension.Length)] + extension;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0))
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
