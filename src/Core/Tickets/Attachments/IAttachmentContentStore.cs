namespace MspSupport.Core.Tickets.Attachments;

/// <summary>The bytes of attached files, by a key the server chose. Local folder or S3.</summary>
public interface IAttachmentContentStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The file's bytes, or null when nothing is stored under <paramref name="key"/>.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
