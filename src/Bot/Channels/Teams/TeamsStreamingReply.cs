using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// One model answer in a 1:1 chat, sent with the Teams streaming protocol: an informative update (a <c>typing</c>
/// activity with a <c>streaminfo</c> entity, <c>streamType</c> informative, sequence 1) whose id becomes the stream id,
/// then <c>typing</c> updates carrying the text so far (<c>streaming</c>, sequence 2, 3, ...) no more often than
/// <see cref="TeamsOptions.StreamingUpdateInterval"/>, and a final <c>message</c> (<c>final</c>, no sequence) with the
/// whole answer. Each send waits for the previous one to succeed, as Teams asks. When Teams refuses the stream
/// (403 <c>ContentStreamNotAllowed</c>: streaming not allowed, stopped by the user, over time or size; or 400) the
/// rest of the answer is not streamed and the final goes as a plain message, so the user always gets the answer.
/// </summary>
internal sealed partial class TeamsStreamingReply(TeamsTurn turn, TeamsOptions options, TimeProvider time, ILogger logger)
{
    private readonly StringBuilder _text = new();
    private string? _streamId;
    private int _sequence;
    private int _sentLength;
    private long _lastSent;
    private bool _refused;

    /// <summary>True once Teams has opened the stream (and so expects a final message on it).</summary>
    public bool IsOpen => _streamId is not null && !_refused;

    public async Task AppendAsync(string delta, CancellationToken cancellationToken)
    {
        _text.Append(delta);
        if (_refused)
        {
            return;
        }

        if (_streamId is null)
        {
            var id = await TrySendAsync(Update("informative", options.StreamingInformativeText), cancellationToken);
            if (string.IsNullOrEmpty(id))
            {
                _refused = true;
                return;
            }

            _streamId = id;
            return;
        }

        if (_text.Length == _sentLength || time.GetElapsedTime(_lastSent) < options.StreamingUpdateInterval)
        {
            return;
        }

        var text = _text.ToString();
        if (await TrySendAsync(Update("streaming", text), cancellationToken) is not null)
        {
            _sentLength = text.Length;
        }
    }

    /// <summary>Closes the stream with <paramref name="message"/>, or sends it plainly when there is no stream.</summary>
    public async Task FinishAsync(Activity message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsOpen)
        {
            var final = message with { Entities = [.. message.Entities ?? [], StreamInfo("final", _streamId, sequence: null)] };
            try
            {
                await turn.ReplyAsync(final, cancellationToken);
                return;
            }
            catch (ConnectorException e) when (IsRefusal(e))
            {
                LogRefused(logger, e.StatusCode, e.ErrorCode, turn.Activity.Id);
            }
        }

        await turn.ReplyAsync(message, cancellationToken);
    }

    private Activity Update(string streamType, string text)
    {
        _sequence++;
        return new Activity { Type = "typing", Text = text, Entities = [StreamInfo(streamType, _streamId, _sequence)] };
    }

    /// <summary>The id Teams answered with; null when it refused streaming (which then stays off for this answer).</summary>
    private async Task<string?> TrySendAsync(Activity update, CancellationToken cancellationToken)
    {
        try
        {
            var id = await turn.ReplyAsync(update, cancellationToken);
            _lastSent = time.GetTimestamp();
            return id ?? "";
        }
        catch (ConnectorException e) when (IsRefusal(e))
        {
            LogRefused(logger, e.StatusCode, e.ErrorCode, turn.Activity.Id);
            _refused = true;
            return null;
        }
    }

    private static bool IsRefusal(ConnectorException e) => e.StatusCode is 400 or 403;

    private static JsonElement StreamInfo(string streamType, string? streamId, int? sequence)
    {
        var entity = new JsonObject { ["type"] = "streaminfo" };
        if (streamId is not null)
        {
            entity["streamId"] = streamId;
        }

        entity["streamType"] = streamType;
        if (sequence is { } n)
        {
            entity["streamSequence"] = n;
        }

        return JsonSerializer.SerializeToElement(entity, TeamsCardJsonContext.Default.JsonObject);
    }

    [LoggerMessage(1, LogLevel.Information, "Teams refused a streamed answer ({Status} {ErrorCode}) to {ActivityId}; the answer goes as a plain message")]
    private static partial void LogRefused(ILogger logger, int? status, string? errorCode, string? activityId);
}
