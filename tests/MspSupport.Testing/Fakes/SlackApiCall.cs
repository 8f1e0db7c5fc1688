using System.Text.Json.Nodes;

namespace MspSupport.Testing.Fakes;

/// <summary>One Slack Web API call the stand-in received: the method, the token it carried, its arguments (JSON or form, as JSON) and what it was answered.</summary>
public sealed record SlackApiCall(string Method, string? Authorization, JsonObject Arguments, int Status, JsonObject Answer)
{
    public string? Arg(string name) => Arguments[name] is JsonValue value ? value.ToString() : Arguments[name]?.ToJsonString();
}
