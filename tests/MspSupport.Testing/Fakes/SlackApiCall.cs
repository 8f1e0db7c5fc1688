using System.Text.Json.Nodes;

namespace MspSupport.Testing.Fakes;

/// <summary>One Slack Web API call the stand-in received: the method, the token it carried and its arguments (JSON or form, as JSON).</summary>
public sealed record SlackApiCall(string Method, string? Authorization, JsonObject Arguments, int Status)
{
    public string? Arg(string name) => Arguments[name] is JsonValue value ? value.ToString() : Arguments[name]?.ToJsonString();
}
