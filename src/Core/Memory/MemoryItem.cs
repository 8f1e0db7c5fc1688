namespace MspSupport.Core.Memory;

/// <summary>
/// One long-term memory in the seed's namespaces: <c>/summaries/{actorId}/{sessionId}</c>,
/// <c>/preferences/{actorId}</c>, <c>/facts/{actorId}</c>.
/// </summary>
public sealed record MemoryItem
{
    /// <summary>The namespace path, e.g. <c>/facts/teams:tenant:user</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>Unique within the namespace.</summary>
    public required string Id { get; init; }

    /// <summary>Whose memory this is: <see cref="Identity.CallerIdentity.Key"/>. Only that actor's turns read it.</summary>
    public required string ActorId { get; init; }

    public required string Text { get; init; }

    public required DateTimeOffset At { get; init; }
}
