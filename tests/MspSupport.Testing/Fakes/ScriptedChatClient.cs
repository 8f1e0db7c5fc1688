using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// A chat model that plays a script: each call takes the next step (tool calls, text, or an exception) and records
/// what it was sent, so tests drive tiers 1 and 2 deterministically and assert on the requests.
/// Text is streamed in small pieces so that deltas can be observed.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<ScriptStep> _steps = new();

    public ConcurrentQueue<RecordedChatRequest> Requests { get; } = new();

    /// <summary>What the model says once the script is used up.</summary>
    public string FallbackText { get; init; } = "(script ended)";

    public ScriptedChatClient Then(ScriptStep step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public ScriptedChatClient ThenText(string text) => Then(ScriptStep.Say(text));

    public ScriptedChatClient ThenCall(string name, IDictionary<string, object?> arguments) => Then(ScriptStep.Call(name, arguments));

    public ScriptedChatClient ThenThrow(Exception exception) => Then(ScriptStep.Fail(exception));

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(new RecordedChatRequest(messages.ToList(), options));
        var step = _steps.TryDequeue(out var next) ? next : ScriptStep.Say(FallbackText);
        if (step.Exception is not null)
        {
            throw step.Exception;
        }

        await Task.Yield();
        var responseId = Guid.NewGuid().ToString("N");
        foreach (var call in step.Calls)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [call]) { ResponseId = responseId };
        }

        foreach (var piece in Pieces(step.Text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ResponseId = responseId };
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 200, TotalTokenCount = 1200 })])
        {
            ResponseId = responseId,
            FinishReason = step.Calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Pieces(string text)
    {
        for (var i = 0; i < text.Length; i += 8)
        {
            yield return text.Substring(i, Math.Min(8, text.Length - i));
        }
    }
}
