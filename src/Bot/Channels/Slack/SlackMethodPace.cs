namespace MspSupport.Bot.Channels.Slack;

/// <summary>The pace of one Web API method (<see cref="SlackOptions.Pacing"/>): a token bucket per workspace, or per channel.</summary>
public sealed record SlackMethodPace
{
    /// <summary>Calls a minute, on average; 0 leaves the method unpaced.</summary>
    public double PerMinute { get; set; }

    /// <summary>Calls that may go at once after a quiet spell (Slack allows short bursts).</summary>
    public int Burst { get; set; } = 1;

    /// <summary>Paced per channel of a workspace (Slack's limit for <c>chat.postMessage</c>) rather than per workspace.</summary>
    public bool PerChannel { get; set; }
}
