namespace MspSupport.Bot.Channels.Slack;

/// <summary>The message a button sat on, or a message shortcut was used on.</summary>
public sealed record SlackInteractionMessage(string? Ts, string? ThreadTs, string? Text, string? User);
