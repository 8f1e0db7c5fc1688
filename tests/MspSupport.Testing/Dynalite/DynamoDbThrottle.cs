namespace MspSupport.Testing.Dynalite;

/// <summary>
/// The throughput refusals DynamoDB answers with (HTTP 400, JSON 1.0 protocol, the error type in <c>__type</c>); the
/// AWS SDK retries each of them before it throws.
/// </summary>
public enum DynamoDbThrottle
{
    /// <summary><c>com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException</c>: a table or index over its capacity.</summary>
    ProvisionedThroughputExceeded,

    /// <summary><c>com.amazon.coral.availability#ThrottlingException</c>: control-plane or on-demand request rate.</summary>
    Throttling,

    /// <summary><c>com.amazonaws.dynamodb.v20120810#RequestLimitExceeded</c>: the account's throughput limit.</summary>
    RequestLimitExceeded,
}
