using System.Text.Json.Nodes;

namespace MspSupport.Testing.Fakes;

/// <summary>One Slack Web API call the stand-in received: the method, the token it carried, its arguments (JSON or form, as JSON) and what it was answered.</summary>
public sealed record SlackApiCall(string Method, string? Authorization, JsonObject Arguments, int Status, JsonObject Answer)
{
    /// <summary>When the stand-in received the call (its clock), for tests of how calls are spread out.</summary>
    public DateTimeOffset At { get; init; }

    public string? Arg(string name) => Arguments[name] is JsonValue value ? value.ToString() : Arguments[name]?.ToJsonString();
}
