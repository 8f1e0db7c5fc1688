using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Handoff;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Delivers a technician's message into the customer's Slack thread (the channel and thread_ts the conversation was
/// in), with the workspace's own bot token. A failed post throws, so the handoff desk retries it and then shows the
/// failure on the technician's card.
/// </summary>
public sealed class SlackCustomerChannel(SlackApiClient api, SlackInstallations installations) : ICustomerChannel
{
    public string Name => "slack";

    public async Task SendAsync(ConversationReference to, string text, string? fromName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var token = await installations.BotTokenAsync(to.ServiceUrl ?? to.TenantId, cancellationToken)
            ?? throw new InvalidOperationException("the app is no longer installed in the customer's Slack workspace");
        var said = SlackMarkdown.Escape(text);
        var message = fromName is null ? said : $"*{SlackMarkdown.Escape(fromName)}:* {said}";
        if (await api.PostMessageAsync(token, to.ConversationId, to.ThreadId, BlockKitLimits.Plain(message, BlockKitLimits.MessageText), null, cancellationToken) is null)
        {
            throw new InvalidOperationException("Slack did not accept the message (see the log for the error code)");
        }
    }
}
