namespace MspSupport.Bot.Channels.Slack;

/// <summary>One clicked button or chosen option.</summary>
public sealed record SlackInteractionAction(string? ActionId, string? BlockId, string? Type, string? Value, SlackSelectedOption? SelectedOption);
