using System.Text.Json.Nodes;
using MspSupport.Testing.Fakes;

namespace MspSupport.WebChat.Tests;

/// <summary>
/// An OpenAI-compatible model that first asks for the <c>search_knowledge</c> tool (as a real model answering a how-to
/// question would), then streams its answer once the tool result is in the conversation.
/// </summary>
internal static class SearchingModelStandIn
{
    public static Func<RecordedRequest, StandInResponse> Answering(string answer)
    {
        var afterSearch = ChatCompletionsStandIn.Answering(answer);
        return request =>
        {
            var body = JsonNode.Parse(request.Body)!;
            var hasToolResult = body["messages"]!.AsArray().Any(m => (string?)m!["role"] == "tool");
            var offersSearch = body["tools"]?.AsArray().Any(t => (string?)t!["function"]!["name"] == "search_knowledge") == true;
            if (hasToolResult || !offersSearch)
            {
                return afterSearch(request);
            }

            var call = new JsonObject
            {
                ["index"] = 0,
                ["id"] = "call_search_1",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "search_knowledge", ["arguments"] = """{"query":"VPN drops"}""" },
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
}
