using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
/// the agent returns, which replaces the one the user clicked. Everything else is acknowledged and ignored.
/// </summary>
public sealed partial class TeamsAgentHandler(IAgent agent, IdentityDirectory identities, TeamsFileDownloader downloader, ILogger<TeamsAgentHandler> logger) : ITeamsActivityHandler
{
    private readonly AdaptiveCardRenderer _cards = new(universalActions: true);

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

                await turn.ReplyAsync(new Activity { Type = "typing" }, cancellationToken);
                await foreach (var reply in RepliesAsync(TurnFor(activity, text, action) with { Files = files }, cancellationToken))
                {
                    await turn.ReplyAsync(reply, cancellationToken);
                }

                return null;
            case "conversationUpdate" when activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true:
                await foreach (var reply in RepliesAsync(TurnFor(activity, null, new CardAction(CardVerbs.Help, new Dictionary<string, string>())), cancellationToken))
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
        await foreach (var reply in RepliesAsync(TurnFor(turn.Activity, null, action), cancellationToken))
        {
            if (card is null && reply.Attachments is [{ Content: { } content }])
            {
                card = JsonNode.Parse(content.GetRawText())!.AsObject();
                continue;
            }

            await turn.ReplyAsync(reply, cancellationToken);
        }

        return card is null
            ? Invoke(200, "application/vnd.microsoft.activity.message", JsonValue.Create("Done."))
            : Invoke(200, AdaptiveCardRenderer.ContentType, card);

        static CardAction? InvokeAction(JsonElement? value) =>
            value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var a) && a.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
                ? new CardAction(verb.GetString()!, Strings(a.TryGetProperty("data", out var data) ? data : default))
                : null;
    }

    private async IAsyncEnumerable<Activity> RepliesAsync(Turn turn, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var streamed = new System.Text.StringBuilder();
        await foreach (var agentEvent in agent.RunAsync(turn, cancellationToken))
        {
            switch (agentEvent)
            {
                case TextDeltaEvent delta:
                    streamed.Append(delta.Delta);
                    break;
                case TextEvent text:
                    streamed.Clear();
                    yield return new Activity { Type = "message", Text = text.Text, TextFormat = "markdown" };
                    break;
                case NoticeEvent notice:
                    yield return new Activity { Type = "message", Text = $"_{notice.Text}_", TextFormat = "markdown" };
                    break;
                case CardEvent card:
                    yield return new Activity
                    {
                        Type = "message",
                        Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = JsonSerializer.SerializeToElement(_cards.Render(card.Card), TeamsCardJsonContext.Default.JsonObject) }],
                    };
                    break;
                case RouteEvent route:
                    LogRoute(route.Route.Tier, route.Route.Reason);
                    break;
            }
        }

        if (streamed.Length > 0)
        {
            yield return new Activity { Type = "message", Text = streamed.ToString(), TextFormat = "markdown" };
        }
    }

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
