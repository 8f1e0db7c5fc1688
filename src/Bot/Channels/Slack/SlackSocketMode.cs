using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Socket Mode, for MSPs that cannot expose a public URL: with <c>Slack:AppToken</c> set, the host asks
/// <c>apps.connections.open</c> for a WebSocket URL and receives events, interactions and commands over it. Each
/// envelope is acknowledged with its <c>envelope_id</c> (and the answer payload for interactions and commands, as the
/// HTTP endpoints would answer), except an event the full work lanes refused: unacknowledged, Slack sends it again, as
/// it does after a 503 on the Events API. On a <c>disconnect</c> message or a dropped socket it connects again.
/// </summary>
public sealed partial class SlackSocketMode(
    IOptions<SlackOptions> options,
    SlackApiClient api,
    SlackEventIntake intake,
    SlackInteractions interactions,
    SlackCommands commands,
    TimeProvider time,
    ILogger<SlackSocketMode> logger) : BackgroundService
{
    private const int MaxMessageBytes = 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SocketMode)
        {
            return;
        }

        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await api.OpenConnectionAsync(options.Value.AppToken!, stoppingToken);
                if (url is not null)
                {
                    await RunConnectionAsync(url, stoppingToken);
                    delay = TimeSpan.FromSeconds(1);
                    continue;
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException or JsonException)
            {
                LogConnectionLost(e);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }

    private async Task RunConnectionAsync(Uri url, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, stoppingToken);
        LogConnected();
        var buffer = new byte[MaxMessageBytes];
        while (socket.State == WebSocketState.Open && !stoppingToken.IsCancellationRequested)
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.AsMemory(length), stoppingToken);
                length += received.Count;
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
            while (!received.EndOfMessage && length < buffer.Length);

            if (!received.EndOfMessage)
            {
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", stoppingToken);
                return;
            }

            if (JsonNode.Parse(buffer.AsSpan(0, length)) is not JsonObject message)
            {
                continue;
            }

            if ((string?)message["type"] == "disconnect")
            {
                LogDisconnectAsked((string?)message["reason"] ?? "unknown");
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", stoppingToken);
                return;
            }

            if ((string?)message["envelope_id"] is { } envelopeId)
            {
                var (taken, answer) = await HandleAsync(message, stoppingToken);
                if (!taken)
                {
                    LogNotAcknowledged(envelopeId);
                    continue; // the work lanes are full: without the acknowledgement Slack sends the event again
                }

                var ack = new JsonObject { ["envelope_id"] = envelopeId };
                if (answer is not null)
                {
                    ack["payload"] = answer;
                }

                await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, true, stoppingToken);
            }
        }
    }

    /// <summary>Whether the envelope was taken (false: refused for Slack to send again), and the answer payload.</summary>
    private async Task<(bool Taken, JsonObject? Answer)> HandleAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var payload = message["payload"];
        switch ((string?)message["type"])
        {
            case "events_api" when payload is JsonObject:
                var envelope = payload.Deserialize(SlackJsonContext.Default.SlackEventEnvelope);
                var retry = (int?)message["retry_attempt"];
                return (envelope?.Event is null || intake.Accept(envelope, retry), null);
            case "interactive" when payload is JsonObject:
                var interaction = payload.Deserialize(SlackInteractionJsonContext.Default.SlackInteraction);
                return (true, interaction?.Type is null ? null : await interactions.HandleAsync(interaction, cancellationToken));
            case "slash_commands" when payload is JsonObject fields:
                var form = fields.Where(f => f.Value is JsonValue).ToDictionary(f => f.Key, f => f.Value!.ToString(), StringComparer.Ordinal);
                return (true, form.GetValueOrDefault("command") == SlackCommands.Command ? await commands.HandleAsync(form, cancellationToken) : null);
            default:
                return (true, null); // hello and anything newer
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Slack Socket Mode connected")]
    private partial void LogConnected();

    [LoggerMessage(2, LogLevel.Information, "Slack asked Socket Mode to reconnect ({Reason})")]
    private partial void LogDisconnectAsked(string reason);

    [LoggerMessage(3, LogLevel.Warning, "Slack Socket Mode connection lost; reconnecting")]
    private partial void LogConnectionLost(Exception exception);

    // Debug: under load this is once per refused envelope; the intake already warns about full lanes, at most every 10 s.
    [LoggerMessage(4, LogLevel.Debug, "Slack Socket Mode envelope {EnvelopeId} not acknowledged: the work lanes are full (Slack:QueueCapacity); Slack sends it again")]
    private partial void LogNotAcknowledged(string envelopeId);
}
