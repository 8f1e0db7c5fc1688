using System.Text.Json.Nodes;
using MspSupport.Testing.Fakes;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary>Socket Mode against a stand-in WebSocket: envelopes acknowledged, events worked on, reconnects on request.</summary>
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private SlackApiStandIn _slack = null!;
    private SlackApiStandInSocketMode _socket = null!;
    private SlackHostFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackApiStandIn.StartAsync();
        _socket = await SlackApiStandInSocketMode.StartAsync();
        _slack.SocketUrl = _socket.Url;
        _factory = new SlackHostFactory(_slack, new Dictionary<string, string?> { ["Slack:SigningSecret"] = "", ["Slack:AppToken"] = "xapp-1-test" });
        _ = _factory.Services; // starts the host, and with it the Socket Mode connection
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _socket.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Events_and_commands_arrive_over_the_socket_are_acknowledged_and_a_disconnect_reconnects()
    {
        var socket = await _socket.NextConnectionAsync();
        Assert.Equal("Bearer xapp-1-test", _slack.CallsOf("apps.connections.open")[0].Authorization);

        var mention = SlackRequests.Mention(SlackHostFactory.ContosoTeam, "U0ALICE", "C0SOCKET", "help");
        await SlackApiStandInSocketMode.SendAsync(socket, new JsonObject { ["envelope_id"] = "env-1", ["type"] = "events_api", ["accepts_response_payload"] = false, ["retry_attempt"] = 0, ["payload"] = mention });
        var reply = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0SOCKET");
        Assert.Equal((string)mention["event"]!["ts"]!, reply.Arg("thread_ts"));
        await WaitForAckAsync("env-1");

        var command = new JsonObject { ["team_id"] = SlackHostFactory.ContosoTeam, ["user_id"] = "U0ALICE", ["channel_id"] = "C0SOCKET", ["command"] = "/ticket", ["text"] = "bogus", ["trigger_id"] = "t.1" };
        await SlackApiStandInSocketMode.SendAsync(socket, new JsonObject { ["envelope_id"] = "env-2", ["type"] = "slash_commands", ["accepts_response_payload"] = true, ["payload"] = command });
        var ack = await WaitForAckAsync("env-2");
        Assert.StartsWith("Usage:", (string?)ack["payload"]!["text"], StringComparison.Ordinal);

        await SlackApiStandInSocketMode.SendAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });
        await _socket.NextConnectionAsync();
        Assert.Equal(2, _slack.CallsOf("apps.connections.open").Count);
    }

    private async Task<JsonObject> WaitForAckAsync(string envelopeId)
    {
        for (var i = 0; i < 150; i++)
        {
            if (_socket.Acks.FirstOrDefault(a => (string?)a["envelope_id"] == envelopeId) is { } ack)
            {
                return ack;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No ack for {envelopeId}");
    }
}
