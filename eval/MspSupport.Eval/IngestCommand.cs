namespace MspSupport.Eval;

/// <summary><c>ingest &lt;folder&gt;</c>: brings the knowledge index up to date with a folder of articles.</summary>
public static class IngestCommand
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        _ = cancellationToken;
        Console.Error.WriteLine("ingest: not wired yet");
        return Task.FromResult(2);
    }
}
