using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;

namespace MspSupport.Core.Diagnostics;

/// <summary>
/// What every instrumented store (tickets, conversations, memories) does around a call: a client span (OpenTelemetry
/// database conventions: <c>db.system.name</c>, <c>db.operation.name</c>, <c>db.collection.name</c>), and for a call
/// that fails, <see cref="AssistantTelemetry.StoreErrors"/> and, when the store refused it for throughput,
/// <see cref="AssistantTelemetry.StoreThrottles"/>, the metric behind the store-throttle alert. A failed call counts
/// once, after the AWS SDK's own retries.
/// </summary>
public sealed class StoreCalls
{
    private readonly string _system;
    private readonly string _collection;

    /// <param name="system">The <c>db.system.name</c> value: <c>sqlite</c> or <c>aws.dynamodb</c>.</param>
    /// <param name="collection">The <c>db.collection.name</c> value: <c>tickets</c>, <c>conversations</c>, <c>memories</c>.</param>
    public StoreCalls(string system, string collection)
    {
        ArgumentException.ThrowIfNullOrEmpty(system);
        ArgumentException.ThrowIfNullOrEmpty(collection);
        _system = system;
        _collection = collection;
    }

    /// <summary>
    /// True for a refusal that a slower caller would not get: DynamoDB ProvisionedThroughputExceeded,
    /// RequestLimitExceeded, ThrottlingException, HTTP 429; SQLite busy or locked. Looks through inner exceptions.
    /// </summary>
    public static bool IsThrottle(Exception? exception) => exception switch
    {
        null => false,
        ProvisionedThroughputExceededException or RequestLimitExceededException => true,
        AmazonServiceException { ErrorCode: "ThrottlingException" or "TooManyRequestsException" or "RequestLimitExceeded" or "ProvisionedThroughputExceededException" } => true,
        AmazonServiceException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        _ => IsThrottle(exception.InnerException),
    };

    public async Task TraceAsync(string operation, Func<Task> call) =>
        await TraceAsync<bool>(operation, async () =>
        {
            await call();
            return true;
        });

    public async Task<T> TraceAsync<T>(string operation, Func<Task<T>> call, Action<Activity, T>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var activity = AssistantTelemetry.Source.StartActivity($"{operation} {_collection}", ActivityKind.Client);
        activity?.SetTag("db.system.name", _system);
        activity?.SetTag("db.operation.name", operation);
        activity?.SetTag("db.collection.name", _collection);
        try
        {
            var result = await call();
            if (activity is not null)
            {
                describe?.Invoke(activity, result);
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var tags = new TagList
            {
                { "db.system.name", _system },
                { "db.operation.name", operation },
                { "db.collection.name", _collection },
                { "error.type", e.GetType().Name },
            };
            AssistantTelemetry.StoreErrors.Add(1, tags);
            if (IsThrottle(e))
            {
                AssistantTelemetry.StoreThrottles.Add(1, tags);
            }

            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            activity?.SetTag("error.type", e.GetType().FullName);
            throw;
        }
    }
}
