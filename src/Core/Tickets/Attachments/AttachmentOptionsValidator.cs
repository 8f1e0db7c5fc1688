using Microsoft.Extensions.Options;

namespace MspSupport.Core.Tickets.Attachments;

public sealed class AttachmentOptionsValidator : IValidateOptions<AttachmentOptions>
{
    public const long Ceiling = 50 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, AttachmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBytes is < 1 or > Ceiling)
        {
            failures.Add($"Tickets:Attachments:MaxBytes must be between 1 and {Ceiling} bytes (50 MiB); it is {options.MaxBytes}.");
        }

        if (!options.UsesS3 && string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("Tickets:Attachments:Path must name a folder for attached files when Tickets:Attachments:S3Bucket is not set.");
        }

        if (options.UsesS3 && (options.S3Bucket!.Length is < 3 or > 63 || options.S3Bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))))
        {
            failures.Add($"Tickets:Attachments:S3Bucket '{options.S3Bucket}' is not a valid bucket name (3-63 lower-case letters, digits, '-' or '.').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
