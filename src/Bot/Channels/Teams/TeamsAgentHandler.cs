using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// What the assistant does in Teams: a message (typed, or a card submitted with Action.Submit) becomes a
/// <see cref="Turn"/> for the agent and the agent's events go back as messages and Adaptive Cards; the bot being
/// added gets the welcome card; an <c>adaptiveCard/action</c> invoke (Universal Actions) is answered with the card
/// the agent returns, which replaces the one the user clicked. Model answers stream in 1:1 chats
/// (<see cref="TeamsStreamingReply"/>) and come as one message elsewhere. Everything else is acknowledged and ignored.
/// </summary>
public sealed partial class TeamsAgentHandler(IAgent agent, IdentityDirectory identities, TeamsFileDownloader downloader, IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsAgentHandler> logger) : ITeamsActivityHandler
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: true);

    /// <summary>The help card of each role, rendered once instead of on every "help" (see <see cref="WelcomeCards.IsShared"/>).</summary>
    private readonly ConcurrentDictionary<Card, Attachment> _sharedCards = new(ReferenceEqualityComparer.Instance);
    private readonly TeamsOptions _options = options.Value;

    public async Task<InvokeResponse?> OnActivityAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;

        // Anything filed during this turn remembers this conversation, for notifications later.
        using var here = CurrentConversation.Enter(ReferenceTo(activity));
        switch (activity.Type)
        {
            case "message":
                var action = ActionFrom(activity.Value);
                var text = StripMentions(activity.Text);
                var (files, failed) = action is null ? await downloader.DownloadAsync(activity, cancellationToken) : ([], []);
                if (failed.Count > 0)
                {
                    await turn.ReplyAsync(new Activity { Type = "message", Text = $"I couldn't fetch {string.Join(", ", failed)} from Teams. Please send it again." }, cancellationToken);
                }

                if (action is null && string.IsNullOrWhiteSpace(text) && files.Count == 0)
                {
                    return null; // an emoji reaction, a sticker or an edit alone: nothing to answer
                }

                await using (var typing = TeamsTypingIndicator.Start(turn, _options, time, logger, cancellationToken))
                {
                    var stream = activity.Conversation?.ConversationType == "personal" ? new TeamsStreamingReply(turn, _options, time, logger) : null;
                    await foreach (var reply in RepliesAsync(TurnFor(activity, text, action) with { Files = files }, stream, typing, cancellationToken))
                    {
                        await typing.StopAsync();
                        await turn.ReplyAsync(reply, cancellationToken);
                    }
                }

                return null;
            case "conversationUpdate" when activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true:
                await foreach (var reply in RepliesAsync(TurnFor(activity, null, new CardAction(CardVerbs.Help, new Dictionary<string, string>())), null, null, cancellationToken))
                {
                    await turn.ReplyAsync(reply, cancellationToken);
                }

                return null;
            case "invoke" when activity.Name == "adaptiveCard/action":
                return await InvokeAsync(turn, cancellationToken);
            default:
                return null;
        }
    }

    private async Task<InvokeResponse> InvokeAsync(TeamsTurn turn, CancellationToken cancellationToken)
    {
        var action = InvokeAction(turn.Activity.Value);
        if (action is null)
        {
            return Invoke(400, "application/vnd.microsoft.error", new JsonObject { ["code"] = "BadRequest", ["message"] = "The card action carried no verb." });
        }

        JsonObject? card = null;
        string? said = null;
        await foreach (var reply in RepliesAsync(TurnFor(turn.Activity, null, action), null, null, cancellationToken))
        {
            if (card is null && reply.Attachments is [{ Content: { } content }])
            {
                card = JsonNode.Parse(content.GetRawText())!.AsObject();
                continue;
            }

            said = reply.Attachments is null or [] && !string.IsNullOrWhiteSpace(reply.Text) ? reply.Text : said;
            await turn.ReplyAsync(reply, cancellationToken);
        }

        // Without a card, Teams shows the message where the button was: the last thing said (e.g. "couldn't reach the
        // store, nothing was changed"), not a "Done." that would contradict it.
        return card is null
            ? Invoke(200, "application/vnd.microsoft.activity.message", JsonValue.Create(said ?? "Done."))
            : Invoke(200, AdaptiveCardRenderer.ContentType, card);

        static CardAction? InvokeAction(JsonElement? value) =>
            value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var a) && a.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
                ? new CardAction(verb.GetString()!, Strings(a.TryGetProperty("data", out var data) ? data : default))
                : null;
    }

    /// <summary>
    /// The agent's events as Teams activities, sent in order. A model answer (text deltas, then the whole text and its
    /// citations) becomes one message with its sources and feedback buttons; with <paramref name="stream"/> (1:1 chats)
    /// its deltas are streamed first and that message closes the stream; <paramref name="typing"/> stops when they start.
    /// Cards and notices that arrive while the model is still answering wait until the answer is complete.
    /// </summary>
    private async IAsyncEnumerable<Activity> RepliesAsync(Turn turn, TeamsStreamingReply? stream, TeamsTypingIndicator? typing, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = new StreamedAnswer();
        await foreach (var agentEvent in agent.RunAsync(turn, cancellationToken))
        {
            switch (agentEvent)
            {
                case TextDeltaEvent delta:
                    answer.Deltas.Append(delta.Delta);
                    if (stream is not null)
                    {
                        if (typing is not null)
                        {
                            await typing.StopAsync(); // the stream's informative update takes over
                        }

                        await stream.AppendAsync(delta.Delta, cancellationToken);
                    }

                    continue;
                case TextEvent text when answer.InProgress:
                    answer.Text = text.Text;
                    continue;
                case CitationsEvent citations when answer.Complete:
                    answer.Citations = citations.Citations;
                    continue;
                case CardEvent or NoticeEvent when answer.InProgress:
                    answer.Held.Add(agentEvent);
                    continue;
                case RouteEvent route:
                    LogRoute(route.Route.Tier, route.Route.Reason);
                    continue;
            }

            await foreach (var reply in FlushAsync(answer, stream, typing, cancellationToken))
            {
                yield return reply;
            }

            answer = new StreamedAnswer();
            if (Render(agentEvent) is { } activity)
            {
                yield return activity;
            }
        }

        await foreach (var reply in FlushAsync(answer, stream, typing, cancellationToken))
        {
            yield return reply;
        }
    }

    private async IAsyncEnumerable<Activity> FlushAsync(StreamedAnswer answer, TeamsStreamingReply? stream, TeamsTypingIndicator? typing, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = (answer.Text ?? answer.Deltas.ToString()).Trim();
        if (text.Length > 0)
        {
            var message = AnswerMessage(text, answer.Citations);
            if (stream is not null)
            {
                if (typing is not null)
                {
                    await typing.StopAsync();
                }

                await stream.FinishAsync(message, cancellationToken);
            }
            else
            {
                yield return message;
            }
        }

        foreach (var held in answer.Held)
        {
            if (Render(held) is { } activity)
            {
                yield return activity;
            }
        }
    }

    private Activity? Render(AgentEvent agentEvent) => agentEvent switch
    {
        TextEvent text => new Activity { Type = "message", Text = text.Text, TextFormat = "markdown" },
        NoticeEvent notice => new Activity { Type = "message", Text = $"_{notice.Text}_", TextFormat = "markdown" },
        CardEvent card => new Activity { Type = "message", Attachments = [CardAttachment(card.Card)] },
        _ => null,
    };

    /// <summary>A model's answer: its text with the numbered sources under it, and the feedback buttons as a card.</summary>
    private Activity AnswerMessage(string text, IReadOnlyList<NumberedCitation> citations)
    {
        var body = new System.Text.StringBuilder(text);
        if (citations.Count > 0)
        {
            body.Append("\n\n**Sources**");
            foreach (var source in citations)
            {
                var where = string.IsNullOrWhiteSpace(source.Section) ? source.Title : $"{source.Title} › {source.Section}";
                body.Append("\n\n").Append(string.IsNullOrWhiteSpace(source.Link) ? $"[{source.Number}] {where}" : $"[{source.Number}] [{where}]({source.Link})");
            }
        }

        var buttons = _cards.Render(AnswerCards.Answer(text, citations, isExcerpt: false));
        buttons["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "Was this answer helpful?", ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true });
        return new Activity { Type = "message", Text = body.ToString(), TextFormat = "markdown", Attachments = [CardAttachment(buttons)] };
    }

    /// <summary>A card as an attachment; a shared card (the help card of a role) is rendered on first use and then kept.</summary>
    private Attachment CardAttachment(Card card) =>
        WelcomeCards.IsShared(card) ? _sharedCards.GetOrAdd(card, c => CardAttachment(_cards.Render(c))) : CardAttachment(_cards.Render(card));

    private static Attachment CardAttachment(JsonObject card) =>
        new() { ContentType = AdaptiveCardRenderer.ContentType, Content = JsonSerializer.SerializeToElement(card, TeamsCardJsonContext.Default.JsonObject) };

    private static ConversationReference ReferenceTo(Activity activity) => new()
    {
        Channel = "teams",
        ConversationId = activity.Conversation!.Id!,
        ServiceUrl = activity.ServiceUrl,
        BotId = activity.Recipient?.Id,
        UserId = UserOf(activity),
        TenantId = TenantOf(activity),
    };

    private static string UserOf(Activity activity) => activity.From?.AadObjectId ?? activity.From?.Id ?? "unknown";

    private static string? TenantOf(Activity activity) => activity.Conversation?.TenantId ?? TenantFromChannelData(activity.ChannelData);

    private Turn TurnFor(Activity activity, string? text, CardAction? action)
    {
        return new Turn
        {
            Caller = identities.Resolve("teams", TenantOf(activity), UserOf(activity), activity.From?.Name),
            ConversationId = $"teams:{activity.Conversation!.Id}",
            Text = text,
            Action = action,
        };
    }

    /// <summary>Action.Submit data arrives as the message's value: our renderer puts the verb in it.</summary>
    private static CardAction? ActionFrom(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(AdaptiveCardRenderer.VerbField, out var verb) && verb.ValueKind == JsonValueKind.String
            ? new CardAction(verb.GetString()!, Strings(v))
            : null;

    private static Dictionary<string, string> Strings(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var property in data.EnumerateObject())
        {
            if (property.Name != AdaptiveCardRenderer.VerbField && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return values;
    }

    private static InvokeResponse Invoke(int status, string type, JsonNode value) =>
        new(200, JsonSerializer.SerializeToElement(new JsonObject { ["statusCode"] = status, ["type"] = type, ["value"] = value }, TeamsCardJsonContext.Default.JsonObject));

    private static string? TenantFromChannelData(JsonElement? channelData) =>
        channelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("tenant", out var tenant) && tenant.TryGetProperty("id", out var id)
            ? id.GetString()
            : null;

    /// <summary>Teams puts "&lt;at&gt;Bot name&lt;/at&gt;" into channel messages that mention the bot.</summary>
    private static string? StripMentions(string? text) => text is null ? null : Mention().Replace(text, "").Trim();

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [LoggerMessage(1, LogLevel.Debug, "Teams turn routed to tier {Tier}: {Reason}")]
    private partial void LogRoute(int tier, string reason);
}
