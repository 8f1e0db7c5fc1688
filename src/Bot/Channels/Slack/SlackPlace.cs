using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>Where a Slack turn happens and is answered: workspace, channel, thread (null for the top of a DM), who, and the bot.</summary>
public sealed record SlackPlace(string TeamId, string Channel, string? ThreadTs, string UserId, string? BotUserId)
{
    /// <summary>Short-term memory is per thread (per DM outside threads).</summary>
    public string ConversationId => $"slack:{TeamId}:{Channel}:{ThreadTs ?? "-"}";

    /// <summary>For notifications later: the team id stands where Bot Framework has its serviceUrl, the thread is the thread.</summary>
    public ConversationReference Reference => new()
    {
        Channel = "slack",
        ConversationId = Channel,
        ServiceUrl = TeamId,
        ThreadId = ThreadTs,
        BotId = BotUserId,
        UserId = UserId,
        TenantId = TeamId,
    };
}
