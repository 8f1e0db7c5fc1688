using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;

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
    public Task StartTurn(WebConversation conversation, Activity message)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        var stopping = lifetime.ApplicationStopping;
        return Task.Run(async () =>
        {
            await conversation.TurnGate.WaitAsync(stopping);
            try
            {
                await RunTurnAsync(conversation, message, stopping);
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

    private async Task RunTurnAsync(WebConversation conversation, Activity message, CancellationToken cancellationToken)
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
            Text = message.Text,
            Action = CardSubmission.From(message.Value),
        };

        var replies = new Replies(conversation, message.Id);
        await foreach (var agentEvent in agent.RunAsync(turn, cancellationToken))
        {
            switch (agentEvent)
            {
                case TypingEvent:
                    conversation.Broadcast(new Activity { Type = "typing", From = Bot, ReplyToId = message.Id });
                    break;
                case TextDeltaEvent delta:
                    replies.Delta(delta.Delta);
                    break;
                case TextEvent text:
                    replies.Text(text.Text);
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
            var data = new JsonObject { ["streamType"] = "streaming", ["streamSequence"] = _sequence };
            if (_streamId is not null)
            {
                data["streamId"] = _streamId;
            }

            var chunk = conversation.Broadcast(new Activity { Type = "typing", From = Bot, Text = _streamed.ToString(), ReplyToId = replyToId, ChannelData = Element(data) });
            _streamId ??= chunk.Id;
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
                var sources = new StringBuilder(text).Append("\n\n**Sources**\n");
                foreach (var c in citations)
                {
                    sources.Append('\n').Append(c.Number).Append(". ").Append(c.Title);
                    if (!string.IsNullOrWhiteSpace(c.Section))
                    {
                        sources.Append(" — ").Append(c.Section);
                    }
                }

                _pending = pending with { Text = sources.ToString() };
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
                ["citations"] = new JsonArray([.. _citations.Select(c => (JsonNode)new JsonObject
                {
                    ["number"] = c.Number, ["title"] = c.Title, ["section"] = c.Section, ["link"] = c.Link,
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
