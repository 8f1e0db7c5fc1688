using Microsoft.Extensions.Options;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Requester notifications in Slack. A ticket filed during a Slack turn remembers its channel and thread (the team id
/// in <see cref="ConversationReference.ServiceUrl"/>); when someone else changes it, the requester gets the headline and
/// the ticket card, drawn for what they may see, in that thread. Slack down, throttling or its transient errors are
/// retryable; any other refusal (channel gone, app removed from it, token revoked) is permanent.
/// </summary>
public sealed partial class SlackTicketNotifier(
    SlackApiClient api,
    SlackInstallations installations,
    IOptions<SlackOptions> options,
    ILogger<SlackTicketNotifier> logger) : IRequesterNotifier
{
    // Its own renderer: the agent handler depends on the ticket service, which depends on the notifications.
    private readonly BlockKitRenderer _renderer = new(options.Value.TicketUrlTemplate);

    public string Channel => "slack";

    public async Task<NotificationOutcome> SendAsync(RequesterNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var reference = notice.Reference;
        var token = await installations.BotTokenAsync(reference.ServiceUrl ?? reference.TenantId, cancellationToken);
        if (token is null)
        {
            LogNotInstalled(notice.Card.TicketId);
            return NotificationOutcome.FailedPermanent;
        }

        var text = $"<@{reference.UserId}> {SlackMarkdown.Escape(notice.Headline)}";
        var blocks = _renderer.Render(notice.Card);
        blocks.Insert(0, BlockKitRenderer.Section(BlockKitLimits.Truncate(text, BlockKitLimits.SectionText)));
        if (blocks.Count > BlockKitLimits.MessageBlocks)
        {
            blocks.RemoveAt(BlockKitLimits.MessageBlocks);
        }

        var result = await api.PostMessageWithErrorAsync(token, reference.ConversationId, reference.ThreadId, BlockKitLimits.Plain(notice.Headline, BlockKitLimits.MessageText), blocks, cancellationToken);
        if (result.Posted)
        {
            return NotificationOutcome.Sent;
        }

        LogNotPosted(notice.Card.TicketId, result.Error!);
        return result.Retryable ? NotificationOutcome.FailedRetryable : NotificationOutcome.FailedPermanent;
    }

    [LoggerMessage(1, LogLevel.Information, "Slack did not post the notification of {TicketId}: {Error}")]
    private partial void LogNotPosted(string ticketId, string error);

    [LoggerMessage(2, LogLevel.Warning, "Requester of {TicketId} not notified: the app is no longer installed in their workspace")]
    private partial void LogNotInstalled(string ticketId);
}
