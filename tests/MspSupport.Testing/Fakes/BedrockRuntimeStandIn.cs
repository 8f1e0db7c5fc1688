using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// Bedrock Runtime on a loopback port, as the Anthropic.Bedrock client uses it: <c>POST /model/{id}/invoke</c>
/// answers an Anthropic Messages JSON body; <c>POST /model/{id}/invoke-with-response-stream</c> answers the
/// Messages stream events, each base64-wrapped in <c>{"bytes": ...}</c> inside an AWS event stream message;
/// <c>POST /model/{id}/converse</c> answers the Converse shape. Every request is recorded as it came.
/// </summary>
public sealed class BedrockRuntimeStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BedrockReply> _replies = new();

    private BedrockRuntimeStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public BedrockRuntimeStandIn Then(BedrockReply reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public static async Task<BedrockRuntimeStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new BedrockRuntimeStandIn(app);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address + "/");
        return standIn;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var rawPath = (context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent()).Split('?')[0];
        Requests.Enqueue(new RecordedRequest(context.Request.Method, rawPath, context.Request.QueryString.Value ?? "", headers, body));

        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Method != "POST" || segments.Length != 3 || segments[0] != "model")
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"message":"Unknown operation"}""", context.RequestAborted);
            return;
        }

        var model = Uri.UnescapeDataString(segments[1]);
        var reply = _replies.TryDequeue(out var next) ? next : BedrockReply.Say("(stand-in script ended)");
        if (reply.Status != 200)
        {
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            context.Response.Headers["x-amzn-ErrorType"] = reply.Status == 429 ? "ThrottlingException" : "ServiceUnavailableException";
            await context.Response.WriteAsync("""{"message":"Too many requests, please wait before trying again."}""", context.RequestAborted);
            return;
        }

        switch (segments[2])
        {
            case "invoke":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Message(model, reply).ToJsonString(), context.RequestAborted);
                break;
            case "invoke-with-response-stream":
                await StreamAsync(context, model, reply);
                break;
            case "converse":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Converse(reply).ToJsonString(), context.RequestAborted);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private static JsonObject Message(string model, BedrockReply reply) => new()
    {
        ["id"] = "msg_standin",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray(reply.ToolName is null
            ? new JsonObject { ["type"] = "text", ["text"] = reply.Text }
            : new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_standin", ["name"] = reply.ToolName, ["input"] = JsonNode.Parse(reply.ToolInputJson!) }),
        ["stop_reason"] = reply.ToolName is null ? "end_turn" : "tool_use",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 900, ["output_tokens"] = 100 },
    };

    private static JsonObject Converse(BedrockReply reply) => new()
    {
        ["output"] = new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["text"] = reply.Text ?? "" }) } },
        ["stopReason"] = "end_turn",
        ["usage"] = new JsonObject { ["inputTokens"] = 900, ["outputTokens"] = 100, ["totalTokens"] = 1000 },
        ["metrics"] = new JsonObject { ["latencyMs"] = 1 },
    };

    private static async Task StreamAsync(HttpContext context, string model, BedrockReply reply)
    {
        context.Response.ContentType = "application/vnd.amazon.eventstream";
        context.Response.Headers["x-amzn-bedrock-content-type"] = "application/json";
        var start = Message(model, reply);
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = new JsonObject { ["input_tokens"] = 900, ["output_tokens"] = 1 };
        var events = new List<JsonObject> { new() { ["type"] = "message_start", ["message"] = start } };
        if (reply.ToolName is null)
        {
            events.Add(new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
            foreach (var piece in Chunk(reply.Text ?? "", 6))
            {
                events.Add(new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece } });
            }
        }
        else
        {
            events.Add(new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_standin", ["name"] = reply.ToolName, ["input"] = new JsonObject() } });
            foreach (var piece in Chunk(reply.ToolInputJson!, 10))
            {
                events.Add(new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece } });
            }
        }

        events.Add(new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        events.Add(new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = reply.ToolName is null ? "end_turn" : "tool_use", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 100 },
        });
        events.Add(new JsonObject { ["type"] = "message_stop" });

        var eventHeaders = new Dictionary<string, string> { [":event-type"] = "chunk", [":content-type"] = "application/json", [":message-type"] = "event" };
        foreach (var item in events)
        {
            var bytes = Convert.ToBase64String(Encoding.UTF8.GetBytes(item.ToJsonString()));
            var payload = Encoding.UTF8.GetBytes(new JsonObject { ["bytes"] = bytes, ["p"] = "abcdefgh" }.ToJsonString());
            await context.Response.Body.WriteAsync(AwsEventStreamEncoder.Message(eventHeaders, payload), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static IEnumerable<string> Chunk(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
