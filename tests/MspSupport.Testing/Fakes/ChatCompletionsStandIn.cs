using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// An OpenAI-compatible <c>POST /chat/completions</c> (as OpenAI, Ollama and vLLM serve it) answering with
/// <paramref name="answer"/>: a <c>chat.completion</c> body, or <c>chat.completion.chunk</c> server-sent events ending
/// in <c>data: [DONE]</c> when the request asks to stream. Use as the protocol of a <see cref="RecordingHttpServer"/>.
/// </summary>
public static class ChatCompletionsStandIn
{
    public static Func<RecordedRequest, StandInResponse> Answering(string answer) => request =>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != "POST" || !request.Path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            return new StandInResponse(404, """{"error":{"message":"not found"}}""");
        }

        using var body = JsonDocument.Parse(request.Body);
        var model = body.RootElement.GetProperty("model").GetString();
        var usage = new JsonObject { ["prompt_tokens"] = 50, ["completion_tokens"] = 10, ["total_tokens"] = 60 };
        if (!body.RootElement.TryGetProperty("stream", out var stream) || !stream.GetBoolean())
        {
            var message = new JsonObject { ["role"] = "assistant", ["content"] = answer };
            var completion = new JsonObject
            {
                ["id"] = "chatcmpl-standin",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = "stop" }),
                ["usage"] = usage,
            };
            return new StandInResponse(200, completion.ToJsonString());
        }

        var events = new StringBuilder();
        for (var i = 0; i < answer.Length; i += 5)
        {
            events.Append("data: ").Append(Chunk(model, new JsonObject { ["content"] = answer.Substring(i, Math.Min(5, answer.Length - i)) }, null, null)).Append("\n\n");
        }

        events.Append("data: ").Append(Chunk(model, new JsonObject(), "stop", null)).Append("\n\n");
        events.Append("data: ").Append(Chunk(model, null, null, usage)).Append("\n\n");
        events.Append("data: [DONE]\n\n");
        return new StandInResponse(200, events.ToString(), "text/event-stream");
    };

    private static string Chunk(string? model, JsonObject? delta, string? finish, JsonObject? usage) => new JsonObject
    {
        ["id"] = "chatcmpl-standin",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        ["usage"] = usage?.DeepClone(),
    }.ToJsonString();
}
