namespace MspSupport.Core.Agent;

/// <summary>The only contract between channels and the core: a turn in, a stream of events out.</summary>
public interface IAgent
{
    /// <summary>
    /// Answers <paramref name="turn"/>. Never throws for a user's sake: every failure ends in a text event that
    /// says what happened and what to do next.
    /// </summary>
    IAsyncEnumerable<AgentEvent> RunAsync(Turn turn, CancellationToken cancellationToken);
}
