using Microsoft.Extensions.AI;

namespace MspSupport.Testing.Fakes;

/// <summary>One reply of a <see cref="ScriptedChatClient"/>: tool calls, text, or a failure.</summary>
public sealed record ScriptStep(IReadOnlyList<FunctionCallContent> Calls, string Text, Exception? Exception)
{
    public static ScriptStep Say(string text) => new([], text, null);

    public static ScriptStep Call(string name, IDictionary<string, object?> arguments) =>
        new([new FunctionCallContent("call-" + Guid.NewGuid().ToString("N")[..8], name, arguments)], "", null);

    public static ScriptStep Fail(Exception exception) => new([], "", exception);
}
