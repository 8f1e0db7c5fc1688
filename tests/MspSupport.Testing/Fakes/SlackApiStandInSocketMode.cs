using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// Slack's Socket Mode WebSocket on a loopback port: each connection gets <c>hello</c>, then whatever the test sends;
/// the app's acknowledgements are recorded. Give <see cref="Url"/> to <see cref="SlackApiStandIn.SocketUrl"/>.
/// </summary>
public sealed class SlackApiStandInSocketMode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<WebSocket> _connections = Channel.CreateUnbounded<WebSocket>();

    private SlackApiStandInSocketMode(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int ConnectionCount { get; private set; }

    public ConcurrentQueue<JsonObject> Acks { get; } = new();

    public static async Task<SlackApiStandInSocketMode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new SlackApiStandInSocketMode(app);
        app.UseWebSockets();
        app.Map("/link", async (HttpContext http) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                http.Response.StatusCode = 400;
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            standIn.ConnectionCount++;
            await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
            await standIn._connections.Writer.WriteAsync(socket);
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, http.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                standIn.Acks.Enqueue(JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count))!.AsObject());
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.Url = address.Replace("http://", "ws://", StringComparison.Ordinal) + "/link";
        return standIn;
    }

    /// <summary>Waits for the app's next connection.</summary>
    public async Task<WebSocket> NextConnectionAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _connections.Reader.ReadAsync(limit.Token);
    }

    public static Task SendAsync(WebSocket socket, JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(message);
        return socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
