using Microsoft.Extensions.Options;

namespace MspSupport.Core.Tickets.Attachments;

/// <summary>Attached files in a folder of the local data directory (embedded defaults).</summary>
public sealed class LocalAttachmentContentStore(IOptions<AttachmentOptions> options) : IAttachmentContentStore
{
    private readonly string _root = Path.GetFullPath(options.Value.Path);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, content.ToArray(), cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("An attachment key must stay inside the attachments folder.", nameof(key));
    }
}
