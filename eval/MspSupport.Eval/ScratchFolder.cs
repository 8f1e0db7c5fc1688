namespace MspSupport.Eval;

/// <summary>A temporary folder removed when disposed.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("msp-eval-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
