using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace MspSupport.WebChat.Bench;

/// <summary>
/// Opens many web chat conversations as Web Chat does (token, conversation, WebSocket each), then in each posts tier-0
/// messages one after another and times each from the POST to the bot's reply (the first logged message with that
/// replyToId) arriving on that conversation's WebSocket. The first message of each conversation is a warm-up.
/// </summary>
internal static class ReplyLatency
{
    private static readonly string[] Messages = ["help", "list my tickets"];

    /// <param name="thinkMs">
    /// Pause after each reply before the next message (jittered ±50%), as a person reading and typing would; 0 posts the
    /// next message at once, which measures the host at saturation (latency is then mostly queueing).
    /// </param>
    public static async Task RunAsync(Uri baseUrl, int conversations, int messagesPerConversation, int thinkMs)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = conversations }) { BaseAddress = baseUrl };
        var opening = Stopwatch.StartNew();
        var chats = await Task.WhenAll(Enumerable.Range(0, conversations).Select(i => Chat.OpenAsync(http, i)));
        Console.WriteLine($"opened {conversations} conversations (token + conversation + WebSocket) in {opening.Elapsed.TotalMilliseconds:0} ms");

        var samples = new ConcurrentBag<double>();
        var running = Stopwatch.StartNew();
        await Task.WhenAll(chats.Select(async chat =>
        {
            for (var m = 0; m < messagesPerConversation; m++)
            {
                if (thinkMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(thinkMs * (0.5 + Random.Shared.NextDouble())));
                }

                var ms = await chat.RoundTripAsync(Messages[m % Messages.Length]);
                if (m > 0)
                {
                    samples.Add(ms);
                }
            }
        }));
        running.Stop();
        Console.WriteLine($"reply latency, {conversations} concurrent conversations, think time {thinkMs} ms: {Percentiles.Summary(samples)}");
        Console.WriteLine($"throughput: {samples.Count / running.Elapsed.TotalSeconds:0} replies/s over {running.Elapsed.TotalSeconds:0.0} s");
        foreach (var chat in chats)
        {
            await chat.DisposeAsync();
        }
    }

    private sealed class Chat : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _replies = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private HttpClient _http = null!;
        private ClientWebSocket _socket = null!;
        private string _conversationId = "";
        private string _token = "";
        private Task _receiving = Task.CompletedTask;

        public static async Task<Chat> OpenAsync(HttpClient http, int index)
        {
            var chat = new Chat { _http = http };
            using var generated = await http.PostAsJsonAsync("v3/directline/tokens/generate", new JsonObject { ["user"] = new JsonObject { ["id"] = $"bench-user-{index:00000}" } });
            chat._token = (string)(await generated.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
            using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
            start.Headers.Authorization = new("Bearer", chat._token);
            using var started = await http.SendAsync(start);
            var body = (await started.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
            chat._conversationId = (string)body["conversationId"]!;
            chat._socket = new ClientWebSocket();
            await chat._socket.ConnectAsync(new Uri((string)body["streamUrl"]!), CancellationToken.None);
            chat._receiving = chat.ReceiveAsync();
            return chat;
        }

        public async Task<double> RoundTripAsync(string text)
        {
            var started = Stopwatch.GetTimestamp();
            using var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{_conversationId}/activities")
            {
                Content = JsonContent.Create(new JsonObject { ["type"] = "message", ["text"] = text }),
            };
            post.Headers.Authorization = new("Bearer", _token);
            using var response = await _http.SendAsync(post);
            var id = (string)(await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            var arrived = await Reply(id).Task.WaitAsync(TimeSpan.FromSeconds(30));
            _replies.TryRemove(id, out _);
            return Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds;
        }

        private TaskCompletionSource<long> Reply(string id) =>
            _replies.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

        private async Task ReceiveAsync()
        {
            var buffer = new byte[256 * 1024];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                        length += result.Count;
                    }
                    while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    var now = Stopwatch.GetTimestamp();
                    if (length == 0)
                    {
                        continue; // keep-alive
                    }

                    foreach (var activity in JsonNode.Parse(buffer.AsSpan(0, length))!["activities"]!.AsArray())
                    {
                        if ((string?)activity!["type"] == "message" && (string?)activity["from"]?["role"] == "bot" && (string?)activity["replyToId"] is { } replyTo)
                        {
                            Reply(replyTo).TrySetResult(now);
                        }
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // closing
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _receiving;
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}
