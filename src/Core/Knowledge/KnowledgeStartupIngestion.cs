using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// Brings the index up to date with <c>Knowledge:SourcePath</c> when the host starts: the first start ingests the
/// bundled knowledge base, later starts only what changed (ingestion is incremental). Runs in the background so
/// that the host answers at once; a failure is logged and search keeps the index it has.
/// </summary>
public sealed partial class KnowledgeStartupIngestion(
    KnowledgeIngestor ingestor,
    IOptions<KnowledgeOptions> options,
    ILogger<KnowledgeStartupIngestion> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var source = options.Value.SourcePath;
        if (!Directory.Exists(source))
        {
            LogNoSource(source);
            return;
        }

        try
        {
            await ingestor.IngestAsync(source, progress: null, stoppingToken); // the ingestor logs its own summary
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, source);
        }
    }

    [LoggerMessage(2, LogLevel.Warning, "Knowledge source folder {Source} does not exist; search answers from the existing index only")]
    private partial void LogNoSource(string source);

    [LoggerMessage(3, LogLevel.Error, "Ingesting the knowledge base {Source} failed; search keeps the index it has")]
    private partial void LogFailed(Exception exception, string source);
}
