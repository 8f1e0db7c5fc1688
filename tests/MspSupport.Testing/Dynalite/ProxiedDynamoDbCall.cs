namespace MspSupport.Testing.Dynalite;

/// <summary>One request that reached <see cref="DynamoDbThrottlingProxy"/>: the operation (<c>PutItem</c>), its table, and whether it was throttled.</summary>
public sealed record ProxiedDynamoDbCall(string Operation, string? Table, DynamoDbThrottle? Throttled);
