using System.Text.Json;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// An interactivity payload (the <c>payload</c> form field of <c>/slack/interactions</c>): <c>block_actions</c>,
/// <c>view_submission</c>, <c>view_closed</c>, a global <c>shortcut</c> or a <c>message_action</c>. Only the fields the
/// assistant reads; the view's state stays JSON because its shape is the modal's own.
/// </summary>
public sealed record SlackInteraction
{
    public string? Type { get; init; }
    public SlackInteractionTeam? Team { get; init; }
    public SlackInteractionUser? User { get; init; }
    public string? TriggerId { get; init; }
    public string? CallbackId { get; init; }
    public SlackInteractionChannel? Channel { get; init; }
    public SlackInteractionContainer? Container { get; init; }
    public SlackInteractionMessage? Message { get; init; }
    public IReadOnlyList<SlackInteractionAction>? Actions { get; init; }
    public SlackInteractionView? View { get; init; }

    /// <summary>The team the user acted in (the user's team when the payload names no team).</summary>
    public string? TeamId => Team?.Id is { Length: > 0 } id ? id : User?.TeamId;
}
