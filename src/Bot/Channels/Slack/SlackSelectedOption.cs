namespace MspSupport.Bot.Channels.Slack;

/// <summary>The chosen option of a select.</summary>
public sealed record SlackSelectedOption(string? Value);
