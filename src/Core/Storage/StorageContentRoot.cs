namespace MspSupport.Core.Storage;

/// <summary>The folder a relative <c>Storage:Sqlite:Path</c> is resolved against, when the host named one.</summary>
internal sealed record StorageContentRoot(string Path);
