using System.Text;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Writes the agent's events into one Slack conversation (a thread, or a DM): cards as Block Kit messages, text as
/// mrkdwn, and a streamed model answer as one message edited with <c>chat.update</c> no more often than
/// <see cref="SlackOptions.StreamUpdateInterval"/> and only when the method's pace has room (a progress edit is skipped,
/// never waited for), finished as the answer card with its numbered sources and buttons (that edit always goes).
/// </summary>
public sealed class SlackReplyWriter(SlackApiClient api, BlockKitRenderer renderer, TimeProvider time, TimeSpan interval, string token, string channel, string? threadTs)
{
    private readonly StringBuilder _streamed = new();
    private string? _streamTs;
    private DateTimeOffset _lastEdit;
    private string? _finalText;

    /// <summary>Cards the agent produced this turn, in order (a modal submission looks for a form with errors here).</summary>
    public List<Card> Cards { get; } = [];

    /// <summary>Cards posted as messages, with the message's ts (null when Slack refused it).</summary>
    public List<(Card Card, string? Ts)> Posted { get; } = [];

    /// <summary>Opens a ticket form as a modal when the turn has a trigger id; otherwise the form is posted with an "open" button.</summary>
    public Func<TicketFormCard, CancellationToken, Task<bool>>? OpenForm { get; init; }

    /// <summary>Set when a form went to a modal instead of into the conversation.</summary>
    public bool OpenedForm { get; private set; }

    public async Task WriteAsync(AgentEvent agentEvent, CancellationToken cancellationToken)
    {
        switch (agentEvent)
        {
            case TextDeltaEvent delta:
                await StreamAsync(delta.Delta, cancellationToken);
                break;
            case TextEvent text when _streamTs is not null:
                _finalText = text.Text;
                break;
            case TextEvent text:
                await api.PostMessageAsync(token, channel, threadTs, SlackMarkdown.FromMarkdown(text.Text), null, cancellationToken);
                break;
            case NoticeEvent notice:
                await api.PostMessageAsync(token, channel, threadTs, $"_{SlackMarkdown.Escape(notice.Text)}_", null, cancellationToken);
                break;
            case CitationsEvent citations when _finalText is not null:
                await FinishAsync(AnswerCards.Answer(_finalText, citations.Citations, isExcerpt: false), cancellationToken);
                break;
            case CardEvent { Card: TicketFormCard form } when OpenForm is not null:
                Cards.Add(form);
                OpenedForm = await OpenForm(form, cancellationToken) || OpenedForm;
                if (!OpenedForm)
                {
                    await PostCardAsync(form, cancellationToken);
                }

                break;
            case CardEvent card:
                Cards.Add(card.Card);
                await PostCardAsync(card.Card, cancellationToken);
                break;
        }
    }

    /// <summary>Ends a streamed answer that had no sources, or a stream the model broke off.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_finalText is not null)
        {
            await FinishAsync(AnswerCards.Answer(_finalText, [], isExcerpt: false), cancellationToken);
        }
        else if (_streamTs is not null && _streamed.Length > 0)
        {
            await api.UpdateAsync(token, channel, _streamTs, SlackMarkdown.FromMarkdown(_streamed.ToString()), null, cancellationToken);
            _streamTs = null;
        }
    }

    private async Task StreamAsync(string delta, CancellationToken cancellationToken)
    {
        _streamed.Append(delta);
        var now = time.GetUtcNow();
        var text = BlockKitLimits.Plain(SlackMarkdown.FromMarkdown(_streamed.ToString().TrimEnd()), BlockKitLimits.MessageText - 2) + " …";
        if (_streamTs is null)
        {
            _streamTs = await api.PostMessageAsync(token, channel, threadTs, text, null, cancellationToken);
            _lastEdit = now;
        }
        else if (now - _lastEdit >= interval && await api.UpdateIfRoomAsync(token, channel, _streamTs, text, cancellationToken))
        {
            // Progress edits never wait for chat.update's pace: one without room is skipped and the next carries its text.
            _lastEdit = now;
        }
    }

    private async Task FinishAsync(AnswerCard answer, CancellationToken cancellationToken)
    {
        _finalText = null;
        Cards.Add(answer);
        var blocks = renderer.Render(answer);
        if (_streamTs is { } ts)
        {
            _streamTs = null;
            await api.UpdateAsync(token, channel, ts, BlockKitRenderer.FallbackText(answer), blocks, cancellationToken);
        }
        else
        {
            await api.PostMessageAsync(token, channel, threadTs, BlockKitRenderer.FallbackText(answer), blocks, cancellationToken);
        }
    }

    private async Task PostCardAsync(Card card, CancellationToken cancellationToken)
    {
        var ts = await api.PostMessageAsync(token, channel, threadTs, BlockKitRenderer.FallbackText(card), renderer.Render(card), cancellationToken);
        Posted.Add((card, ts));
    }
}
