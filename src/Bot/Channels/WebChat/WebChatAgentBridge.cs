using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets.Attachments;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// What the assistant does in the web chat: each posted message (typed text or an Action.Submit) becomes a
/// <see cref="Turn"/>, run in the background one at a time per conversation, and the agent's events go back into the
/// conversation. Model text is livestreamed (typing activities with <c>streamType</c> <c>streaming</c>, then a
/// <c>final</c> message); cards are Adaptive Cards with Action.Submit; the route, model, latency, tokens and citations
/// ride on the last reply's <c>channelData.mspDebug</c> for the page's debug panel.
/// </summary>
public sealed partial class WebChatAgentBridge(IAgent agent, IdentityDirectory identities, IHostApplicationLifetime lifetime, ILogger<WebChatAgentBridge> logger)
{
    public const string Channel = "web";
    private readonly AdaptiveCardRenderer _cards = new(universalActions: false);

    /// <summary>Starts the turn for a logged user message; returns the task (tests and benchmarks may await it).</summary>
    public Task StartTurn(WebConversation conversation, Activity message, IReadOnlyList<IncomingFile>? files = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        return Run(conversation, message.Text, CardSubmission.From(message.Value), files ?? [], message.Id);
    }

    /// <summary>
    /// Greets a conversation the page has just started, as Teams bots do on <c>conversationUpdate</c>: the agent's Help
    /// action, i.e. the welcome card. Awaited by the caller, so the greeting is the first thing in the conversation.
    /// </summary>
    public Task WelcomeAsync(WebConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return Run(conversation, null, new CardAction(CardVerbs.Help, new Dictionary<string, string>()), [], null);
    }

    private Task Run(WebConversation conversation, string? text, CardAction? action, IReadOnlyList<IncomingFile> files, string? replyToId)
    {
        var stopping = lifetime.ApplicationStopping;
        return Task.Run(async () =>
        {
            await conversation.TurnGate.WaitAsync(stopping);
            try
            {
                await RunTurnAsync(conversation, text, action, files, replyToId, stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTurnFailed(e, conversation.Id);
                conversation.Append(BotMessage("Sorry, something went wrong on my side and I could not finish that. Please try again in a minute."));
            }
            finally
            {
                conversation.TurnGate.Release();
            }
        }, stopping);
    }

    private async Task RunTurnAsync(
        WebConversation conversation, string? text, CardAction? action, IReadOnlyList<IncomingFile> files, string? replyToId, CancellationToken cancellationToken)
    {
        var user = conversation.Owner;
        using var here = CurrentConversation.Enter(new ConversationReference
        {
            Channel = Channel,
            ConversationId = conversation.Id,
            UserId = user.Id,
            TenantId = user.TenantId,
        });
        var turn = new Turn
        {
            Caller = identities.Resolve(Channel, user.TenantId, user.Id, user.Name),
            ConversationId = $"{Channel}:{conversation.Id}",
            Text = text,
            Action = action,
            Files = files,
        };

        var replies = new Replies(conversation, replyToId);
        await foreach (var agentEvent in agent.RunAsync(turn, cancellationToken))
        {
            switch (agentEvent)
            {
                case TypingEvent:
                    conversation.Broadcast(new Activity { Type = "typing", From = Bot, ReplyToId = replyToId });
                    break;
                case TextDeltaEvent delta:
                    replies.Delta(delta.Delta);
                    break;
                case TextEvent said:
                    replies.Text(said.Text);
                    break;
                case NoticeEvent notice:
                    replies.Add(BotMessage($"_{notice.Text}_"));
                    break;
                case CardEvent card:
                    replies.Add(BotCard(_cards.Render(card.Card), null));
                    break;
                case CitationsEvent citations:
                    replies.Citations(citations.Citations);
                    break;
                case RouteEvent route:
                    replies.Route(route.Route);
                    break;
            }
        }

        replies.Flush();
    }

    internal static ChannelAccount Bot { get; } = new() { Id = "msp-support-bot", Name = "Assistant", Role = "bot" };

    internal static Activity BotMessage(string text) => new() { Type = "message", From = Bot, Text = text, TextFormat = "markdown" };

    internal static Activity BotCard(JsonObject card, string? text) => new()
    {
        Type = "message",
        From = Bot,
        Text = text,
        Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = JsonSerializer.SerializeToElement(card, WebChatJsonContext.Default.JsonObject) }],
    };

    [LoggerMessage(1, LogLevel.Error, "A web chat turn in {ConversationId} failed")]
    private partial void LogTurnFailed(Exception exception, string conversationId);

    /// <summary>
    /// The replies of one turn. The newest reply is held back until the next one (or the end of the turn), so that the
    /// citations and the route record, which the agent sends after the text, travel on it.
    /// </summary>
    private sealed class Replies(WebConversation conversation, string? replyToId)
    {
        private readonly StringBuilder _streamed = new();
        private Activity? _pending;
        private string? _streamId;
        private int _sequence;
        private IReadOnlyList<NumberedCitation> _citations = [];

        public void Delta(string delta)
        {
            _streamed.Append(delta);
            _sequence++;

            // The stream's id is its first chunk's id, and the first chunk carries it too: Web Chat places a chunk after
            // the typing activities with the same channelData.streamId, so a first chunk without one would be placed
            // after whichever earlier typing activity also has none (the typing indicator of an earlier turn), i.e. above
            // the question it answers.
            var first = _streamId is null;
            _streamId ??= conversation.NewLiveId();
            var data = new JsonObject { ["streamType"] = "streaming", ["streamSequence"] = _sequence, ["streamId"] = _streamId };
            conversation.Broadcast(new Activity
            {
                Id = first ? _streamId : null,
                Type = "typing",
                From = Bot,
                Text = _streamed.ToString(),
                ReplyToId = replyToId,
                ChannelData = Element(data),
            });
        }

        public void Text(string text)
        {
            var message = BotMessage(text);
            if (_streamId is not null)
            {
                message = message with { ChannelData = Element(new JsonObject { ["streamType"] = "final", ["streamId"] = _streamId }) };
            }

            _streamId = null;
            _sequence = 0;
            _streamed.Clear();
            Add(message);
        }

        public void Add(Activity activity)
        {
            Flush();
            _pending = activity with { ReplyToId = replyToId };
        }

        public void Citations(IReadOnlyList<NumberedCitation> citations)
        {
            _citations = citations;
            if (_pending is { Attachments: null or [], Text: { } text } pending && citations.Count > 0)
            {
                _pending = pending with { Text = text + "\n\n**Sources**\n" + CitationList.Markdown(citations) };
            }
        }

        public void Route(RouteRecord route)
        {
            if (_pending is null)
            {
                return;
            }

            var debug = new JsonObject
            {
                ["tier"] = route.Tier,
                ["requestedTier"] = route.RequestedTier,
                ["route"] = route.Reason,
                ["model"] = route.ModelId,
                ["latencyMs"] = Math.Round(route.LatencyMs, 1),
                ["inputTokens"] = route.InputTokens,
                ["outputTokens"] = route.OutputTokens,
                ["estimatedCost"] = route.EstimatedCost,
                ["conversationCost"] = route.ConversationCost,
                ["citations"] = new JsonArray([.. _citations.Select(c => (JsonNode)new JsonObject
                {
                    ["number"] = c.Number, ["title"] = c.Title, ["section"] = c.Section, ["where"] = CitationList.Where(c), ["link"] = c.Link,
                })]),
            };
            var data = _pending.ChannelData is { ValueKind: JsonValueKind.Object } existing
                ? JsonNode.Parse(existing.GetRawText())!.AsObject()
                : [];
            data["mspDebug"] = debug;
            _pending = _pending with { ChannelData = Element(data) };
        }

        public void Flush()
        {
            if (_pending is not null)
            {
                conversation.Append(_pending);
                _pending = null;
            }
        }

        private static JsonElement Element(JsonObject value) => JsonSerializer.SerializeToElement(value, WebChatJsonContext.Default.JsonObject);
    }
}
