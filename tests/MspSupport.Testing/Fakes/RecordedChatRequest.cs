using Microsoft.Extensions.AI;

namespace MspSupport.Testing.Fakes;

/// <summary>What a <see cref="ScriptedChatClient"/> was sent in one call.</summary>
public sealed record RecordedChatRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    public string SystemPrompt => string.Join("\n", Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));

    /// <summary>The results of tool calls the model got back in this request, as text.</summary>
    public IReadOnlyList<string> ToolResults => Messages
        .SelectMany(m => m.Contents.OfType<FunctionResultContent>())
        .Select(r => r.Result?.ToString() ?? "")
        .ToList();
}
