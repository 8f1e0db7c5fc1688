using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Memory;

namespace MspSupport.Core.Agent;

/// <summary>
/// After a model turn, asks the cheap tier for durable facts, preferences and a one-line session summary, and
/// keeps them as the caller's long-term memory. Best effort: a failure here never spoils the turn.
/// </summary>
public sealed partial class MemoryExtractor
{
    private const string Instructions = """
        Extract long-term memory about the USER from this support conversation. Reply with JSON only:
        {"facts":["..."],"preferences":["..."],"summary":"..."}
        facts: stable facts about the user's setup or role (office, device, software). preferences: how they like to be helped.
        summary: one sentence about what this conversation was about. Use empty lists when there is nothing durable.
        Never include passwords, secrets or anything the user asked to forget.
        """;

    private readonly AgentModels _models;
    private readonly TurnMemory _memory;
    private readonly TimeProvider _time;
    private readonly ILogger<MemoryExtractor> _logger;

    public MemoryExtractor(AgentModels models, TurnMemory memory, TimeProvider time, ILogger<MemoryExtractor> logger)
    {
        _models = models;
        _memory = memory;
        _time = time;
        _logger = logger;
    }

    public async Task ExtractAsync(Turn turn, Conversation? conversation, TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(context);
        if (_models.Resolve(1) is not { } model)
        {
            return;
        }

        try
        {
            var transcript = new StringBuilder();
            foreach (var message in (conversation?.Messages ?? []).TakeLast(8))
            {
                transcript.Append(message.Role).Append(": ").AppendLine(message.Text);
            }

            transcript.Append("user: ").AppendLine(turn.Text).Append("assistant: ").AppendLine(context.Said);
            var response = await model.Client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, transcript.ToString())],
                new ChatOptions { MaxOutputTokens = 400, ModelId = model.ModelId }, cancellationToken);
            var extraction = Parse(response.Text);
            if (extraction is not null)
            {
                await StoreAsync(turn, extraction, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogExtractionFailed(exception);
        }
    }

    private static MemoryExtraction? Parse(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text[start..(end + 1)], AgentJsonContext.Default.MemoryExtraction);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task StoreAsync(Turn turn, MemoryExtraction extraction, CancellationToken cancellationToken)
    {
        var actor = turn.Caller.Key;
        var now = _time.GetUtcNow();
        foreach (var fact in extraction.Facts.Where(f => !string.IsNullOrWhiteSpace(f)).Take(5))
        {
            await _memory.PutAsync(Item(MemoryNamespaces.Facts(actor), StableId(fact), actor, fact, now), cancellationToken);
        }

        foreach (var preference in extraction.Preferences.Where(p => !string.IsNullOrWhiteSpace(p)).Take(5))
        {
            await _memory.PutAsync(Item(MemoryNamespaces.Preferences(actor), StableId(preference), actor, preference, now), cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(extraction.Summary))
        {
            // One summary per session, replaced as the conversation goes on.
            await _memory.PutAsync(Item(MemoryNamespaces.Summaries(actor, turn.ConversationId), "summary", actor, extraction.Summary, now), cancellationToken);
        }
    }

    private static MemoryItem Item(string ns, string id, string actor, string text, DateTimeOffset at) =>
        new() { Namespace = ns, Id = id, ActorId = actor, Text = text.Trim(), At = at };

    // The same fact extracted twice replaces itself instead of piling up.
    private static string StableId(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim().ToUpperInvariant())))[..16];

    [LoggerMessage(1, LogLevel.Warning, "Long-term memory extraction failed; the turn itself is unaffected")]
    private partial void LogExtractionFailed(Exception exception);
}
