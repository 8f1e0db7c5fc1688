namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// What Slack posts to the Events API: a <c>url_verification</c> challenge when the URL is saved, or an
/// <c>event_callback</c> wrapping one event. <see cref="Authorizations"/> names the bot user the event was sent to.
/// </summary>
public sealed record SlackEventEnvelope
{
    public string? Type { get; init; }
    public string? Challenge { get; init; }
    public string? TeamId { get; init; }
    public string? ApiAppId { get; init; }
    public string? EventId { get; init; }
    public long EventTime { get; init; }
    public SlackEvent? Event { get; init; }
    public IReadOnlyList<SlackAuthorization>? Authorizations { get; init; }

    /// <summary>The bot's own user id in this workspace, to tell its own messages and mentions apart.</summary>
    public string? BotUserId => Authorizations is [{ UserId: { Length: > 0 } id }, ..] ? id : null;
}
