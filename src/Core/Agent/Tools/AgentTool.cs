using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MspSupport.Core.Agent.Tools;

/// <summary>
/// A tool with a hand-written JSON schema and a handler closed over the turn (and so over the caller's identity):
/// nothing the model writes can choose whose data the handler reads. No reflection, so it works under Native AOT.
/// </summary>
public sealed class AgentTool : AIFunction
{
    private readonly Func<ToolArguments, CancellationToken, Task<string>> _handler;

    public AgentTool(string name, string description, string jsonSchema, Func<ToolArguments, CancellationToken, Task<string>> handler)
    {
        Name = name;
        Description = description;
        JsonSchema = JsonDocument.Parse(jsonSchema).RootElement.Clone();
        _handler = handler;
    }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema { get; }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await _handler(new ToolArguments(arguments), cancellationToken);
}
