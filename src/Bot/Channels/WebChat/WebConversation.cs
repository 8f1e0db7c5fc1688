using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// One web chat conversation: its owner, the log of activities (bounded; the watermark keeps counting, so a client's
/// watermark stays meaningful after the oldest are dropped), and the WebSocket streams listening to it. Messages are
/// logged and pushed; livestream typing activities are only pushed (Direct Line keeps no typing in the history).
/// </summary>
public sealed class WebConversation(string id, WebUser owner, int historyLimit, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<Activity> _log = new();
    private readonly List<Channel<byte[]>> _streams = [];
    private long _next;
    private long _live;

    public string Id { get; } = id;
    public WebUser Owner { get; } = owner;

    /// <summary>One turn at a time, so replies come in the order their messages were posted.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    public DateTimeOffset LastActive { get; private set; } = time.GetUtcNow();

    /// <summary>The watermark after the newest activity: how many activities were ever logged.</summary>
    public long Watermark
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>Logs the activity with the next id and pushes it; returns it as stored.</summary>
    public Activity Append(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var stored = activity with
            {
                Id = $"{Id}|{_next.ToString("D7", CultureInfo.InvariantCulture)}",
                Timestamp = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                ChannelId = "directline",
                Conversation = new ConversationAccount { Id = Id },
            };
            _log.Enqueue(stored);
            _next++;
            while (_log.Count > historyLimit)
            {
                _log.Dequeue();
            }

            LastActive = time.GetUtcNow();
            Push(new ActivitySet([stored], WatermarkText(_next)));
            return stored;
        }
    }

    /// <summary>Pushes an activity to the open streams only (livestream chunks); it gets an id but no place in the log.</summary>
    public Activity Broadcast(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var live = activity with
            {
                Id = activity.Id ?? $"{Id}|live{(++_live).ToString(CultureInfo.InvariantCulture)}",
                Timestamp = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                ChannelId = "directline",
                Conversation = new ConversationAccount { Id = Id },
            };
            Push(new ActivitySet([live], WatermarkText(_next)));
            return live;
        }
    }

    /// <summary>The logged activities from <paramref name="watermark"/> on, and the watermark after them; null when the watermark is in the future.</summary>
    public ActivitySet? Since(long watermark)
    {
        lock (_gate)
        {
            return watermark > _next ? null : new ActivitySet(SinceLocked(watermark), WatermarkText(_next));
        }
    }

    /// <summary>
    /// Opens a stream: what was logged from <paramref name="watermark"/> on comes first, then everything new, with no gap
    /// and no repeat (both are taken under one lock). Dispose the reader's owner through <see cref="Unsubscribe"/>.
    /// </summary>
    public Channel<byte[]>? Subscribe(long watermark)
    {
        lock (_gate)
        {
            if (watermark > _next)
            {
                return null;
            }

            var stream = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            var backlog = SinceLocked(watermark);
            if (backlog.Count > 0)
            {
                stream.Writer.TryWrite(Serialize(new ActivitySet(backlog, WatermarkText(_next))));
            }

            _streams.Add(stream);
            return stream;
        }
    }

    public void Unsubscribe(Channel<byte[]> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_gate)
        {
            _streams.Remove(stream);
        }

        stream.Writer.TryComplete();
    }

    public static bool TryParseWatermark(string? text, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(text) ||
               (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out watermark) && watermark >= 0);
    }

    private List<Activity> SinceLocked(long watermark)
    {
        var first = _next - _log.Count;
        return [.. _log.Skip((int)Math.Max(0, watermark - first))];
    }

    private void Push(ActivitySet set)
    {
        if (_streams.Count == 0)
        {
            return;
        }

        var bytes = Serialize(set);
        for (var i = _streams.Count - 1; i >= 0; i--)
        {
            // A stream this far behind has gone away without closing; dropping it makes the client reconnect with its watermark.
            if (!_streams[i].Writer.TryWrite(bytes))
            {
                _streams[i].Writer.TryComplete();
                _streams.RemoveAt(i);
            }
        }
    }

    private static string WatermarkText(long watermark) => watermark.ToString(CultureInfo.InvariantCulture);

    private static byte[] Serialize(ActivitySet set) => JsonSerializer.SerializeToUtf8Bytes(set, WebChatJsonContext.Default.ActivitySet);
}
