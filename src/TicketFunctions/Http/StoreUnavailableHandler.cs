using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;

namespace MspSupport.TicketFunctions.Http;

/// <summary>
/// A store that is busy, throttled or unreachable is not the caller's fault and not a bug: answer 503 with
/// Retry-After and a sentence, never a stack trace. Nothing was written (every store write is conditional).
/// </summary>
public sealed partial class StoreUnavailableHandler(IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Ticket storage is unavailable",
                Detail = "The ticket store is not answering right now and nothing was changed. Try again in a few seconds.",
            },
        });
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 } => true, // busy, locked, I/O error, full, can't open
        ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException => true,
        AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } => true,
        AmazonServiceException { ErrorCode: "ThrottlingException" } => true,
        AmazonClientException or HttpRequestException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    [LoggerMessage(1, LogLevel.Warning, "Ticket store unavailable while serving {Path}")]
    private partial void LogUnavailable(Exception exception, string path);
}
