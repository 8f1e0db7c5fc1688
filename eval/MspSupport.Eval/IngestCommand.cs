using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;

namespace MspSupport.Eval;

/// <summary>
/// <c>ingest [&lt;folder&gt;] [--index &lt;folder&gt;]</c>: brings the knowledge index up to date with a folder of articles,
/// drawing a progress bar and printing the summary. Embeddings follow the <c>Knowledge:Embeddings</c> settings.
/// </summary>
public static class IngestCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["-h" or "--help", ..])
        {
            Console.Error.WriteLine("usage: ingest [<knowledge-folder>] [--index <index-folder>] [--Knowledge:Setting=value ...]");
            Console.Error.WriteLine("       without a folder, Knowledge:SourcePath is ingested (default: knowledge)");
            return 2;
        }

        // Without a folder argument the configured Knowledge:SourcePath is ingested, as the bot would.
        var folder = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        var switches = folder is null ? args : args[1..];
        var overrides = new Dictionary<string, string?>();
        var indexAt = Array.IndexOf(switches, "--index");
        if (indexAt >= 0 && indexAt + 1 < switches.Length)
        {
            overrides["Knowledge:IndexPath"] = switches[indexAt + 1];
            switches = [.. switches[..indexAt], .. switches[(indexAt + 2)..]];
        }

        await using var services = EvalServices.Build(overrides, switches);
        KnowledgeOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        }
        catch (OptionsValidationException error)
        {
            foreach (var failure in error.Failures)
            {
                Console.Error.WriteLine(failure);
            }

            return 2;
        }

        folder ??= options.SourcePath;
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"The knowledge folder {Path.GetFullPath(folder)} does not exist (argument or Knowledge:SourcePath).");
            return 2;
        }

        var bar = new ProgressBar("ingesting");
        var summary = await services.GetRequiredService<KnowledgeIngestor>()
            .IngestAsync(folder, new SynchronousProgress(p => bar.Report((p.FilesDone, p.FilesTotal))), cancellationToken);

        Console.WriteLine($"index:     {Path.GetFullPath(options.IndexPath)}");
        Console.WriteLine($"files:     {summary.FilesSeen} seen, {summary.FilesIngested} new or changed, {summary.FilesUnchanged} unchanged, {summary.FilesRemoved} removed");
        Console.WriteLine($"chunks:    {summary.ChunksWritten} written, {summary.ChunksEmbedded} embedded, {summary.ChunksInIndex} in the index");
        Console.WriteLine($"skipped:   {summary.Skipped.Count}");
        foreach (var skipped in summary.Skipped)
        {
            Console.WriteLine($"  {skipped.SourcePath}: {skipped.Reason}");
        }

        Console.WriteLine($"errors:    {summary.Errors.Count}");
        foreach (var error in summary.Errors)
        {
            Console.WriteLine($"  {error}");
        }

        Console.WriteLine($"time:      {summary.Elapsed.TotalSeconds:0.0} s");
        return summary.Errors.Count == 0 ? 0 : 1;
    }
}
