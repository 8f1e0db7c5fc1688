using System.Text.Json.Nodes;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// An OpenAI-compatible model that behaves as a support model does: asked a question with the <c>search_knowledge</c>
/// tool on offer, it first searches for the customer's own words (a tool call), then streams <paramref name="answer"/>
/// once the result is in the conversation; asked to summarize a conversation for a technician (the escalation note),
/// it returns <paramref name="summary"/>. Use as the protocol of a <see cref="RecordingHttpServer"/>, which records
/// every request (so a test can read the tool results and the summary request).
/// </summary>
public static class SupportModelStandIn
{
    public const string SummaryInstruction = "Summarize this support conversation";

    public static Func<RecordedRequest, StandInResponse> Answering(string answer, string summary)
    {
        var answering = ChatCompletionsStandIn.Answering(answer);
        var summarizing = ChatCompletionsStandIn.Answering(summary);
        return request =>
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.Method != "POST" || !request.Path.EndsWith("/chat/completions", StringComparison.Ordinal))
            {
                return answering(request);
            }

            var body = JsonNode.Parse(request.Body)!;
            var messages = body["messages"]!.AsArray();
            if (IsSummaryRequest(body))
            {
                return summarizing(request);
            }

            var hasToolResult = messages.Any(m => (string?)m!["role"] == "tool");
            var offersSearch = body["tools"]?.AsArray().Any(t => (string?)t!["function"]!["name"] == "search_knowledge") == true;
            if (hasToolResult || !offersSearch)
            {
                return answering(request);
            }

            var question = Text(messages.Last(m => (string?)m!["role"] == "user"));
            var call = new JsonObject
            {
                ["index"] = 0,
                ["id"] = "call_search_1",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "search_knowledge", ["arguments"] = new JsonObject { ["query"] = question }.ToJsonString() },
            };
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-standin",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = (string?)body["model"],
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(call) }, ["finish_reason"] = "tool_calls" }),
            };
            return new StandInResponse(200, $"data: {chunk.ToJsonString()}\n\ndata: [DONE]\n\n", "text/event-stream");
        };
    }

    /// <summary>Whether a recorded request asked for a conversation summary.</summary>
    public static bool IsSummaryRequest(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.EndsWith("/chat/completions", StringComparison.Ordinal) && IsSummaryRequest(JsonNode.Parse(request.Body)!);
    }

    /// <summary>The text of every message of a recorded request, one per line.</summary>
    public static string Conversation(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Join("\n", JsonNode.Parse(request.Body)!["messages"]!.AsArray().Select(Text));
    }

    private static bool IsSummaryRequest(JsonNode body) =>
        body["messages"]!.AsArray().Any(m => (string?)m!["role"] == "system" && Text(m).StartsWith(SummaryInstruction, StringComparison.Ordinal));

    // Content is a string, or an array of parts of which the text parts count.
    private static string Text(JsonNode? message) => message?["content"] switch
    {
        JsonValue value => (string?)value ?? "",
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
        _ => "",
    };
}
