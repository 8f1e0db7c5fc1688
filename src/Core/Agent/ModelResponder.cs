using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Agent.Tools;
using MspSupport.Core.Cards;
using MspSupport.Core.Memory;

namespace MspSupport.Core.Agent;

/// <summary>
/// Tiers 1 and 2: streams a model's answer with the turn's tools. Text deltas become events as they arrive; cards
/// the tools produce are emitted between updates; usage is summed for the route record.
/// </summary>
public sealed class ModelResponder
{
    private readonly AgentModels _models;
    private readonly AgentTools _tools;
    private readonly TurnMemory _memory;

    public ModelResponder(AgentModels models, AgentTools tools, TurnMemory memory)
    {
        _models = models;
        _tools = tools;
        _memory = memory;
    }

    public bool IsConfigured => _models.Any;

    public async IAsyncEnumerable<AgentEvent> AnswerAsync(
        TurnContext context, int tier, string text, Conversation? conversation, ModelUsage usage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(usage);
        var (client, servedTier, modelId, options) = _models.Resolve(tier) ?? throw new InvalidOperationException("No model is configured.");
        usage.Start(servedTier, modelId, options);

        var memories = await _memory.LongTermAsync(context.Caller.Key, cancellationToken);
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt.For(context.Caller, memories)) };
        foreach (var message in conversation?.Messages ?? [])
        {
            messages.Add(new ChatMessage(message.Role == "user" ? ChatRole.User : ChatRole.Assistant,
                message.Role == "technician" ? $"[{message.Author ?? "A technician"}, a human technician, wrote to the customer:] {message.Text}" : message.Text));
        }

        messages.Add(new ChatMessage(ChatRole.User, text));
        var citations = new List<NumberedCitation>();
        var chatOptions = new ChatOptions
        {
            Tools = _tools.For(context, citations),
            MaxOutputTokens = options.MaxOutputTokens,
            ModelId = modelId,
        };

        var answer = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken))
        {
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                usage.Add(content.Details);
            }

            foreach (var produced in context.Drain())
            {
                yield return produced;
            }

            if (!string.IsNullOrEmpty(update.Text))
            {
                answer.Append(update.Text);
                yield return new TextDeltaEvent(update.Text);
            }
        }

        foreach (var produced in context.Drain())
        {
            yield return produced;
        }

        var full = answer.ToString().Trim();
        context.State.LastQuestion = text;
        if (full.Length > 0)
        {
            context.State.LastAnswer = full;
            context.Remember(full);
            yield return new TextEvent(full);
        }

        if (citations.Count > 0)
        {
            yield return new CitationsEvent(citations);
        }
    }
}
