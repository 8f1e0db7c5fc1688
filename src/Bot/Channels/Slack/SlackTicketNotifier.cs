using Microsoft.Extensions.Options;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Proactive notifications in Slack. A ticket filed during a Slack turn remembers its channel and thread (the team id
/// in <see cref="ConversationReference.ServiceUrl"/>); when someone else changes it, the requester gets the headline and
/// the ticket card, drawn for what they may see, in that thread. Failures are logged by the ticket service and never
/// undo the change.
/// </summary>
public sealed partial class SlackTicketNotifier(
    IConversationReferenceStore references,
    IdentityDirectory identities,
    SlackApiClient api,
    SlackInstallations installations,
    IOptions<SlackOptions> options,
    SentNotifications sent,
    ILogger<SlackTicketNotifier> logger) : ITicketChangeListener
{
    // Its own renderer: the agent handler depends on the ticket service, which depends on this listener.
    private readonly BlockKitRenderer _renderer = new(options.Value.TicketUrlTemplate);

    public async ValueTask OnTicketChangedAsync(TicketChange change, CancellationToken cancellationToken)
    {
        var notice = await RequesterNotice.PrepareAsync(change, "slack", references, identities, cancellationToken);
        if (notice is null)
        {
            return;
        }

        var reference = notice.Reference;
        var token = await installations.BotTokenAsync(reference.ServiceUrl ?? reference.TenantId, cancellationToken);
        if (token is null)
        {
            LogNotInstalled(change.TicketId);
            return;
        }

        var text = $"<@{reference.UserId}> {SlackMarkdown.Escape(notice.Headline)}";
        var blocks = _renderer.Render(notice.Card);
        blocks.Insert(0, BlockKitRenderer.Section(BlockKitLimits.Truncate(text, BlockKitLimits.SectionText)));
        if (blocks.Count > BlockKitLimits.MessageBlocks)
        {
            blocks.RemoveAt(BlockKitLimits.MessageBlocks);
        }

        // Slack's refusal comes back as null: the record is released and a redelivery of the change sends again.
        if (await sent.SendOnceAsync(notice, async ct =>
            await api.PostMessageAsync(token, reference.ConversationId, reference.ThreadId, BlockKitLimits.Plain(notice.Headline, BlockKitLimits.MessageText), blocks, ct) is not null,
            cancellationToken))
        {
            LogNotified(change.TicketId);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Requester of {TicketId} notified in Slack")]
    private partial void LogNotified(string ticketId);

    [LoggerMessage(2, LogLevel.Warning, "Requester of {TicketId} not notified: the app is no longer installed in their workspace")]
    private partial void LogNotInstalled(string ticketId);
}
