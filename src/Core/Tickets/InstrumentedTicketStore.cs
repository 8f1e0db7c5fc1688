using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using MspSupport.Core.Diagnostics;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Wraps whichever ticket store is configured so that every call is a client span (OpenTelemetry database
/// conventions: <c>db.system.name</c>, <c>db.operation.name</c>, <c>db.collection.name</c>) and every refusal for
/// throughput (DynamoDB ProvisionedThroughputExceeded, throttling, HTTP 429; SQLite busy) counts in
/// <see cref="AssistantTelemetry.StoreThrottles"/>, the metric behind the store-throttle alert.
/// </summary>
public sealed class InstrumentedTicketStore : ITicketStore
{
    private const string Collection = "tickets";
    private readonly ITicketStore _inner;
    private readonly string _system;

    /// <param name="system">The <c>db.system.name</c> value: <c>sqlite</c> or <c>aws.dynamodb</c>.</param>
    public InstrumentedTicketStore(ITicketStore inner, string system)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _system = system;
    }

    /// <summary>The store being traced.</summary>
    public ITicketStore Inner => _inner;

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => _inner.PingAsync(cancellationToken);

    public Task<Ticket?> GetAsync(string ticketId, CancellationToken cancellationToken) =>
        TraceAsync("get", () => _inner.GetAsync(ticketId, cancellationToken));

    public Task<CreateResult> CreateAsync(Ticket ticket, IdempotencyClaim? idempotency, CancellationToken cancellationToken) =>
        TraceAsync("create", () => _inner.CreateAsync(ticket, idempotency, cancellationToken),
            (activity, result) => activity.SetTag("mspsupport.store.outcome", result.Status.ToString()));

    public Task<WriteStatus> ReplaceAsync(Ticket ticket, long expectedVersion, CancellationToken cancellationToken) =>
        TraceAsync("replace", () => _inner.ReplaceAsync(ticket, expectedVersion, cancellationToken),
            (activity, result) => activity.SetTag("mspsupport.store.outcome", result.ToString()));

    public Task<WriteStatus> DeleteAsync(string ticketId, long? expectedVersion, CancellationToken cancellationToken) =>
        TraceAsync("delete", () => _inner.DeleteAsync(ticketId, expectedVersion, cancellationToken),
            (activity, result) => activity.SetTag("mspsupport.store.outcome", result.ToString()));

    public Task<TicketPage> ListAsync(TicketQuery query, CancellationToken cancellationToken) =>
        TraceAsync("list", () => _inner.ListAsync(query, cancellationToken),
            (activity, page) => activity.SetTag("mspsupport.store.returned", page.Items.Count));

    /// <summary>True for a refusal that a slower caller would not get: throughput exceeded, throttled, busy.</summary>
    public static bool IsThrottle(Exception exception) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException => true,
        AmazonServiceException { ErrorCode: "ThrottlingException" or "TooManyRequestsException" } => true,
        AmazonServiceException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        _ => exception.InnerException is { } inner && IsThrottle(inner),
    };

    private async Task<T> TraceAsync<T>(string operation, Func<Task<T>> call, Action<Activity, T>? describe = null)
    {
        using var activity = AssistantTelemetry.Source.StartActivity($"{operation} {Collection}", ActivityKind.Client);
        activity?.SetTag("db.system.name", _system);
        activity?.SetTag("db.operation.name", operation);
        activity?.SetTag("db.collection.name", Collection);
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
            var tags = new TagList { { "db.system.name", _system }, { "db.operation.name", operation }, { "error.type", e.GetType().Name } };
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
