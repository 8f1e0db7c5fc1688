using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>Runs what <see cref="SlackBacklog"/> holds on a few workers; one failed item is logged and never stops the others.</summary>
public sealed partial class SlackWorker(SlackBacklog queue, IOptions<SlackOptions> options, ILogger<SlackWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled
        ? Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => RunAsync(stoppingToken)))
        : Task.CompletedTask;

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(1, LogLevel.Error, "A Slack work item failed")]
    private partial void LogFailed(Exception exception);
}
