using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>Direct Line's answer to a read and the unit pushed on the stream: activities after a watermark, and the new watermark.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);
