using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using MspSupport.Core.Diagnostics;

namespace MspSupport.TicketFunctions.Http;

/// <summary>
/// A store that is busy, throttled or unreachable is not the caller's fault and not a bug: answer 503 with
/// Retry-After and a sentence, never a stack trace. A throttle (DynamoDB refused for throughput after the SDK's
/// retries, SQLite busy) says "busy" and asks for a longer wait than an outage; either way nothing was written
/// (every store write is conditional).
/// </summary>
public sealed partial class StoreUnavailableHandler(IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    /// <summary>Seconds a caller is asked to wait after a throttle: DynamoDB's capacity recovers by the second, adaptive capacity in minutes.</summary>
    public const int ThrottledRetryAfterSeconds = 10;

    /// <summary>Seconds a caller is asked to wait when the store is out of reach.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var throttled = StoreCalls.IsThrottle(exception);
        if (!throttled && !IsUnavailable(exception))
        {
            return false;
        }

        if (throttled)
        {
            LogThrottled(exception, httpContext.Request.Path);
        }
        else
        {
            LogUnavailable(exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = (throttled ? ThrottledRetryAfterSeconds : UnavailableRetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = throttled
                ? new()
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Ticket storage is busy",
                    Detail = "The ticket store is refusing requests for throughput right now (throttled) and nothing was changed. Try again after the Retry-After interval.",
                    Extensions = { ["code"] = "StoreThrottled" },
                }
                : new()
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Ticket storage is unavailable",
                    Detail = "The ticket store is not answering right now and nothing was changed. Try again in a few seconds.",
                    Extensions = { ["code"] = "StoreUnavailable" },
                },
        });
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 10 or 13 or 14 } => true, // I/O error, full, can't open
        InternalServerErrorException => true,
        AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } => true,
        AmazonClientException or HttpRequestException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    [LoggerMessage(1, LogLevel.Warning, "Ticket store unavailable while serving {Path}")]
    private partial void LogUnavailable(Exception exception, string path);

    [LoggerMessage(2, LogLevel.Warning, "Ticket store throttled a request (after the SDK's retries) while serving {Path}")]
    private partial void LogThrottled(Exception exception, string path);
}
