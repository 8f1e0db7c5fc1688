using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using MspSupport.Core.Diagnostics;

namespace MspSupport.Core.Agent;

/// <summary>
/// Wraps the agent so that every turn is one span (<c>agent.turn</c>) with the routing, retrieval, model, tool and
/// store spans beneath it, every log line written during the turn carries the conversation id, and the route record
/// becomes metrics (turns by tier, tokens, estimated cost). A wrapper rather than lines in the agent because an async
/// iterator loses <see cref="Activity.Current"/> and log scopes at each <c>yield</c>: this one restores them before it
/// asks the inner agent for the next event.
/// </summary>
public sealed class InstrumentedAgent : IAgent
{
    private readonly IAgent _inner;
    private readonly ILogger<InstrumentedAgent> _logger;

    public InstrumentedAgent(IAgent inner, ILogger<InstrumentedAgent> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _logger = logger;
    }

    public async IAsyncEnumerable<AgentEvent> RunAsync(Turn turn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var activity = AssistantTelemetry.Source.StartActivity("agent.turn");
        activity?.SetTag("mspsupport.channel", turn.Caller.Channel);
        activity?.SetTag("mspsupport.conversation.id", turn.ConversationId);
        activity?.SetTag("mspsupport.caller.role", turn.Caller.Role.ToString());
        var scope = new TurnScope(turn.ConversationId, turn.Caller.Channel);
        await using var events = _inner.RunAsync(turn, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            if (activity is not null)
            {
                Activity.Current = activity;
            }

            bool more;
            using (_logger.BeginScope(scope))
            {
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (Exception e) when (activity is not null)
                {
                    activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                    activity.SetTag("error.type", e.GetType().FullName);
                    throw;
                }
            }

            if (!more)
            {
                break;
            }

            if (events.Current is RouteEvent route)
            {
                Record(route.Route, turn, activity);
            }

            yield return events.Current;
        }
    }

    private static void Record(RouteRecord route, Turn turn, Activity? activity)
    {
        var tags = new TagList
        {
            { "mspsupport.agent.tier", route.Tier },
            { "mspsupport.agent.requested_tier", route.RequestedTier },
            { "mspsupport.channel", turn.Caller.Channel },
            { "mspsupport.agent.degraded", route.Degraded },
        };
        AssistantTelemetry.Turns.Add(1, tags);
        activity?.SetTag("mspsupport.agent.tier", route.Tier);
        activity?.SetTag("mspsupport.agent.requested_tier", route.RequestedTier);
        activity?.SetTag("mspsupport.agent.route_reason", route.Reason);
        if (route.ModelId is null)
        {
            return;
        }

        var model = new TagList { { "gen_ai.request.model", route.ModelId }, { "mspsupport.agent.tier", route.Tier } };
        AssistantTelemetry.Tokens.Add(route.InputTokens, [.. model, new("gen_ai.token.type", "input")]);
        AssistantTelemetry.Tokens.Add(route.OutputTokens, [.. model, new("gen_ai.token.type", "output")]);
        AssistantTelemetry.EstimatedCost.Add((double)route.EstimatedCost, model);
        if (route.EstimatedCost > 0m)
        {
            AssistantTelemetry.ConversationCost.Record((double)route.ConversationCost,
                new KeyValuePair<string, object?>("mspsupport.channel", turn.Caller.Channel),
                new KeyValuePair<string, object?>("mspsupport.agent.tier", route.Tier));
        }

        activity?.SetTag("gen_ai.request.model", route.ModelId);
        activity?.SetTag("gen_ai.usage.input_tokens", route.InputTokens);
        activity?.SetTag("gen_ai.usage.output_tokens", route.OutputTokens);
        activity?.SetTag("mspsupport.agent.estimated_cost", (double)route.EstimatedCost);
        activity?.SetTag("mspsupport.agent.conversation_cost", (double)route.ConversationCost);
    }

    /// <summary>The log scope of a turn: structured, so a JSON log or an OTLP log record gets the fields as attributes.</summary>
    private sealed class TurnScope(string conversationId, string channel) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("ConversationId", conversationId),
            1 => new("Channel", channel),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"ConversationId:{conversationId} Channel:{channel}";
    }
}
