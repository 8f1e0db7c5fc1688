namespace MspSupport.Core.Tickets.Attachments;

/// <summary>
/// Where attached files are kept and how big they may be. Bound from <c>Tickets:Attachments</c>. Files go to S3 when
/// <see cref="S3Bucket"/> is set (the AWS deployment), to <see cref="Path"/> in the local data folder otherwise.
/// </summary>
public sealed class AttachmentOptions
{
    public const string Section = "Tickets:Attachments";

    /// <summary>Largest file accepted, in bytes (default 10 MiB, at most 50 MiB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Folder for files on the embedded defaults, relative to the content root.</summary>
    public string Path { get; set; } = "data/attachments";

    public string? S3Bucket { get; set; }

    public string S3Prefix { get; set; } = "attachments/";

    public bool UsesS3 => !string.IsNullOrWhiteSpace(S3Bucket);
}
