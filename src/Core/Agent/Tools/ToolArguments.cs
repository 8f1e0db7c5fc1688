using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MspSupport.Core.Agent.Tools;

/// <summary>Reads a tool call's arguments as text, whatever JSON shape the model chose for them.</summary>
public sealed class ToolArguments
{
    private readonly AIFunctionArguments _arguments;

    public ToolArguments(AIFunctionArguments arguments) => _arguments = arguments;

    public string? Get(string name)
    {
        if (!_arguments.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        var text = value switch
        {
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement e => e.GetRawText(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
