using Microsoft.Data.Sqlite;
using MspSupport.Core.Diagnostics;
using Polly.Timeout;

namespace MspSupport.Core.Agent;

/// <summary>Words for a user when something broke: what happened and what to do next, never a stack trace.</summary>
public static class FriendlyFailure
{
    /// <summary>A store refused for throughput (DynamoDB throttling, SQLite busy): busy, not broken, and nothing was written.</summary>
    public const string StoreBusy = "The ticket system is busy right now, so nothing was saved. Please try again in a minute.";

    public static string For(Exception exception) => exception switch
    {
        _ when StoreCalls.IsThrottle(exception) => StoreBusy,
        TimeoutException or OperationCanceledException or TimeoutRejectedException =>
            "Sorry, that took too long and I stopped. Please try again in a moment.",
        SqliteException or IOException or HttpRequestException =>
            "Sorry, I couldn't reach the ticket or memory store just now, so nothing was changed. Please try again in a minute; if it keeps happening, contact your MSP by phone or email.",
        _ => "Sorry, something went wrong on my side and I couldn't finish that. Nothing further was changed. Please try again, or say \"help\"; if it keeps happening, contact your MSP by phone or email.",
    };

    public static string ModelNotice(Exception exception) => exception switch
    {
        // The model's HTTP client gives up on a slow attempt with Polly's TimeoutRejectedException, not a TimeoutException.
        TimeoutException or OperationCanceledException or TimeoutRejectedException => "The AI model took too long, so here is a simpler answer from the knowledge base.",
        _ => "The AI model is unavailable right now, so here is a simpler answer from the knowledge base.",
    };
}
