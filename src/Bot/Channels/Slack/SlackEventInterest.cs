namespace MspSupport.Bot.Channels.Slack;

/// <summary>Whether an event is for the assistant, as far as the event alone tells (decided on the request path, without I/O).</summary>
public enum SlackEventInterest
{
    /// <summary>Not for the assistant: bots, edits, joins, messages in other places.</summary>
    None,

    /// <summary>A mention or a direct message.</summary>
    Direct,

    /// <summary>A message in a thread without a mention: for the assistant only if it is part of that thread.</summary>
    IfThreadJoined,
}
