using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Agent;
using MspSupport.Core.Agent.Models;
using MspSupport.Core.Agent.Routing;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets.Attachments;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// What the assistant does with a Slack message: mentions and DMs (and follow-ups in a thread it is part of) become a
/// <see cref="Turn"/>; the agent's events go back into the thread through <see cref="SlackReplyWriter"/>. A mention in
/// the middle of a thread reads the thread first, so the answer has the context people already gave.
/// </summary>
public sealed partial class SlackAgentHandler(
    IAgent agent,
    Router router,
    AgentModels models,
    SlackApiClient api,
    SlackInstallations installations,
    SlackCallers callers,
    SlackThreads threads,
    IOptions<SlackOptions> options,
    TimeProvider time,
    IOptions<AttachmentOptions> attachments,
    ILogger<SlackAgentHandler> logger)
{
    private const int ThreadContextMessages = 20;
    private const int ThreadContextChars = 2000;

    public BlockKitRenderer Renderer { get; } = new(options.Value.TicketUrlTemplate);

    /// <summary>The agent, for turns whose events must all be seen before anything is posted (modal submissions).</summary>
    public IAgent Agent => agent;

    /// <summary>Whether an event is for the assistant, from the event alone: decided on the request path, before it is queued.</summary>
    public static SlackEventInterest Interest(SlackEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Event is not { } e || string.IsNullOrEmpty(e.User) || !string.IsNullOrEmpty(e.BotId) || e.User == envelope.BotUserId
            || string.IsNullOrEmpty(e.Channel) || string.IsNullOrEmpty(e.Ts) || TeamOf(envelope) is null)
        {
            return SlackEventInterest.None; // bots (ourselves included) and events without a person or a place
        }

        if (e.Subtype is { Length: > 0 } and not ("file_share" or "thread_broadcast"))
        {
            return SlackEventInterest.None; // edits, deletions, joins, topic changes, ...
        }

        return e.Type switch
        {
            "app_mention" => SlackEventInterest.Direct,
            "message" when e.ChannelType == "im" => SlackEventInterest.Direct,
            // A mention also arrives as app_mention; the thread follow-up path takes only messages without one.
            "message" when e.ThreadTs is not null && !MentionsBot(e.Text, envelope.BotUserId) => SlackEventInterest.IfThreadJoined,
            _ => SlackEventInterest.None,
        };
    }

    public async Task HandleEventAsync(SlackEventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var e = envelope.Event!;
        var team = TeamOf(envelope)!;
        var token = await installations.BotTokenAsync(team, cancellationToken);
        if (token is null)
        {
            LogNotInstalled(team);
            return;
        }

        var text = CleanText(e.Text);
        var files = await DownloadFilesAsync(token, e.Files, cancellationToken);
        if (string.IsNullOrWhiteSpace(text) && files.Count == 0)
        {
            return; // an emoji or a bare mention alone: nothing to answer
        }

        var place = PlaceOf(envelope);
        var thread = place.ThreadTs;
        // The thread so far helps a model answer; a deterministic intent or a knowledge search wants the question alone.
        if (e.ThreadTs is not null && models.Any && router.Decide(text).Intent is null && !await threads.IsPartOfAsync(team, e.Channel, e.ThreadTs, cancellationToken))
        {
            text += await ThreadContextAsync(token, e, cancellationToken);
        }

        if (e.ChannelType != "im" && thread is not null)
        {
            await threads.JoinAsync(team, e.Channel!, thread, cancellationToken);
        }

        var caller = await callers.ResolveAsync(team, e.User!, token, cancellationToken);
        var writer = Writer(token, place.Channel, place.ThreadTs);
        await RunAsync(place, caller, text, null, writer, cancellationToken, files);
    }

    /// <summary>
    /// Where an event is answered (and which work lane it takes): the thread it is in, or the thread it starts in a
    /// channel; a DM message outside a thread is answered at the top of the DM. Only for events of interest.
    /// </summary>
    public static SlackPlace PlaceOf(SlackEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var e = envelope.Event!;
        var thread = e.ChannelType == "im" ? e.ThreadTs : e.ThreadTs ?? e.Ts;
        return new SlackPlace(TeamOf(envelope)!, e.Channel!, thread, e.User!, envelope.BotUserId);
    }

    /// <summary>
    /// The files shared with the message, fetched with the bot token from <c>url_private</c>, but only from Slack's
    /// file host or the configured API host (the token never goes elsewhere). A file that cannot be fetched or is over
    /// the attachment limit is passed on empty or oversize, so that the attachment rules name it to the user.
    /// </summary>
    private async Task<IReadOnlyList<IncomingFile>> DownloadFilesAsync(string token, IReadOnlyList<SlackFile>? shared, CancellationToken cancellationToken)
    {
        var files = new List<IncomingFile>();
        var max = attachments.Value.MaxBytes;
        foreach (var file in shared ?? [])
        {
            if (!Uri.TryCreate(file.UrlPrivate, UriKind.Absolute, out var url) || !IsSlackFileHost(url))
            {
                continue;
            }

            var bytes = file.Size > max ? new byte[max + 1] : await api.DownloadAsync(token, url, max, cancellationToken) ?? [];
            files.Add(new IncomingFile(file.Name, file.Mimetype, bytes));
        }

        return files;
    }

    private bool IsSlackFileHost(Uri url) =>
        (url.Scheme == Uri.UriSchemeHttps && url.Host.Equals("files.slack.com", StringComparison.OrdinalIgnoreCase))
        || (Uri.TryCreate(options.Value.ApiBaseUrl, UriKind.Absolute, out var api) && url.Scheme == api.Scheme && url.Authority.Equals(api.Authority, StringComparison.OrdinalIgnoreCase));

    /// <summary>One turn: the conversation is remembered for notifications, the agent answers, the writer posts.</summary>
    public async Task RunAsync(SlackPlace place, CallerIdentity caller, string? text, CardAction? action, SlackReplyWriter writer, CancellationToken cancellationToken, IReadOnlyList<IncomingFile>? files = null)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(writer);
        using var here = CurrentConversation.Enter(place.Reference);
        var turn = new Turn { Caller = caller, ConversationId = place.ConversationId, Text = text, Action = action, Files = files ?? [] };
        await foreach (var agentEvent in agent.RunAsync(turn, cancellationToken))
        {
            if (agentEvent is RouteEvent route)
            {
                LogRoute(route.Route.Tier, route.Route.Reason);
                continue;
            }

            await writer.WriteAsync(agentEvent, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    public SlackReplyWriter Writer(string token, string channel, string? threadTs, Func<TicketFormCard, CancellationToken, Task<bool>>? openForm = null) =>
        new(api, Renderer, time, options.Value.StreamUpdateInterval, token, channel, threadTs) { OpenForm = openForm };

    /// <summary>Slack escapes &amp;, &lt; and &gt; and writes mentions as &lt;@U123&gt;; the agent wants what the person typed.</summary>
    public static string CleanText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var plain = Mention().Replace(text, "");
        plain = SlackLink().Replace(plain, m => m.Groups["label"].Success ? m.Groups["label"].Value : m.Groups["target"].Value);
        return plain.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal).Trim();
    }

    private async Task<string> ThreadContextAsync(string token, SlackEvent e, CancellationToken cancellationToken)
    {
        var messages = await api.RepliesAsync(token, e.Channel!, e.ThreadTs!, ThreadContextMessages + 1, cancellationToken);
        var earlier = messages.Where(m => (string?)m["ts"] != e.Ts).TakeLast(ThreadContextMessages)
            .Select(m => $"- {((string?)m["bot_id"] is { Length: > 0 } ? "assistant" : "user")}: {CleanText((string?)m["text"])}")
            .Where(line => line.Length > 10).ToList();
        if (earlier.Count == 0)
        {
            return "";
        }

        var context = new StringBuilder("\n\n(Earlier in this Slack thread:\n").AppendJoin('\n', earlier).Append(')').ToString();
        return context.Length <= ThreadContextChars ? context : string.Concat(context.AsSpan(0, ThreadContextChars - 2), "…)");
    }

    public static string? TeamOf(SlackEventEnvelope envelope) => envelope.TeamId is { Length: > 0 } team ? team : envelope.Event?.Team;

    // Slack writes a mention as <@U123> or <@U123|name>; looked for without building a string per message.
    private static bool MentionsBot(string? text, string? botUserId)
    {
        if (botUserId is null || text is null)
        {
            return false;
        }

        var span = text.AsSpan();
        for (var at = span.IndexOf("<@", StringComparison.Ordinal); at >= 0; at = span.IndexOf("<@", StringComparison.Ordinal))
        {
            span = span[(at + 2)..];
            if (span.StartsWith(botUserId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"<(?<target>(?:https?|mailto):[^|>]+)(\|(?<label>[^>]+))?>")]
    private static partial Regex SlackLink();

    [LoggerMessage(1, LogLevel.Debug, "Slack turn routed to tier {Tier}: {Reason}")]
    private partial void LogRoute(int tier, string reason);

    [LoggerMessage(2, LogLevel.Warning, "A Slack event came from team {TeamId}, where the app has no bot token (not installed)")]
    private partial void LogNotInstalled(string teamId);
}
