using System.Text.Json.Nodes;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Agent;
using MspSupport.Core.Agent.Intents;
using MspSupport.Core.Cards;
using MspSupport.Core.Identity;
using MspSupport.Core.Notifications;
using MspSupport.Core.Tickets;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Buttons, modals and shortcuts. A button's verb and data go to the agent as a <see cref="CardAction"/> and the
/// answer goes into the message's thread; "open the form" and "add note" buttons open modals; a modal's submission is
/// run while Slack waits, so that field errors go back with <c>response_action: errors</c> and nothing is created; the
/// "Create ticket" shortcuts open the ticket form (pre-filled from the message for the message shortcut).
/// </summary>
public sealed partial class SlackInteractions(
    SlackAgentHandler handler,
    SlackApiClient api,
    SlackInstallations installations,
    SlackCallers callers,
    SlackWorkLanes lanes,
    IConversationReferenceStore references,
    ILogger<SlackInteractions> logger)
{
    public const string CreateTicketShortcut = "create_ticket";
    public const string CreateTicketFromMessageShortcut = "create_ticket_from_message";

    /// <summary>What a user whose click the full lanes refused is told (Slack does not send a click again).</summary>
    public const string BusyText = "I'm answering a lot of requests right now and did not act on that click. Please try it again in a minute.";

    /// <summary>The body to answer Slack with (null: an empty 200).</summary>
    public async Task<JsonObject?> HandleAsync(SlackInteraction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.TeamId is not { } team || interaction.User?.Id is not { } user)
        {
            return null;
        }

        var token = await installations.BotTokenAsync(team, cancellationToken);
        if (token is null)
        {
            LogNotInstalled(team);
            return null;
        }

        switch (interaction.Type)
        {
            case "block_actions":
                await BlockActionsAsync(interaction, team, user, token, cancellationToken);
                return null;
            case "view_submission":
                return await SubmitAsync(interaction, team, user, token, cancellationToken);
            case "shortcut" when interaction.CallbackId == CreateTicketShortcut:
                // A modal opens with the trigger id, which lasts three seconds: before the acknowledgement, never queued.
                await OpenNewFormAsync(interaction, team, user, token, "", null, null, cancellationToken);
                return null;
            case "message_action" when interaction.CallbackId == CreateTicketFromMessageShortcut:
                var message = interaction.Message;
                var text = SlackAgentHandler.CleanText(message?.Text);
                await OpenNewFormAsync(interaction, team, user, token, text, interaction.Channel?.Id, message?.ThreadTs ?? message?.Ts, cancellationToken);
                return null;
            default:
                return null; // view_closed and anything newer: acknowledged, nothing to do
        }
    }

    /// <summary>
    /// A button that opens a modal does so at once, before the acknowledgement (its trigger id lasts three seconds);
    /// any other click is a turn, queued in the lane of the thread the button's message is in, after that thread's
    /// earlier work. A turn that answers with a form still tries the modal, and posts the form with an "open" button
    /// when the trigger id has expired meanwhile.
    /// </summary>
    private async Task BlockActionsAsync(SlackInteraction interaction, string team, string user, string token, CancellationToken cancellationToken)
    {
        var clicked = interaction.Actions is [var first, ..] ? first : null;
        if (BlockKitActionValue.Decode(clicked?.Value ?? clicked?.SelectedOption?.Value) is not { } action)
        {
            return;
        }

        var channel = interaction.Container?.ChannelId ?? interaction.Channel?.Id;
        var thread = interaction.Message?.ThreadTs ?? interaction.Message?.Ts ?? interaction.Container?.ThreadTs;
        switch (action.Verb)
        {
            case BlockKitRenderer.OpenFormVerb:
                var form = BlockKitModals.FormFromButton(action);
                await OpenFormAsync(token, interaction.TriggerId, form, channel, thread, cancellationToken);
                return;
            case BlockKitRenderer.OpenNoteVerb when action.Get("ticketId") is { } ticketId:
                var metadata = new SlackModalMetadata(CardVerbs.TicketAddNote, new Dictionary<string, string> { ["ticketId"] = ticketId }, channel, thread);
                await api.OpenViewAsync(token, interaction.TriggerId ?? "", BlockKitModals.Note(ticketId, metadata.Encode()), cancellationToken);
                return;
        }

        if (channel is null)
        {
            return;
        }

        var place = new SlackPlace(team, channel, IsDirect(channel) && interaction.Message?.ThreadTs is null ? null : thread, user, null);
        if (!lanes.TryEnqueue(SlackWorkLanes.LaneOf(place), ct => ActAsync(interaction, place, action, token, ct)))
        {
            // Nothing was done, and unlike an event Slack never sends a click again: the user hears so, only they see it.
            LogClickRefused();
            await api.PostEphemeralAsync(token, channel, user, place.ThreadTs, BusyText, null, cancellationToken);
        }
    }

    private async Task ActAsync(SlackInteraction interaction, SlackPlace place, CardAction action, string token, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(place.TeamId, place.UserId, token, cancellationToken);
        var writer = handler.Writer(token, place.Channel, place.ThreadTs, (f, ct) => OpenFormAsync(token, interaction.TriggerId, f, place.Channel, place.ThreadTs, ct));
        await handler.RunAsync(place, caller, null, action, writer, cancellationToken);
    }

    private async Task<JsonObject?> SubmitAsync(SlackInteraction interaction, string team, string user, string token, CancellationToken cancellationToken)
    {
        var view = interaction.View;
        if (view is null || SlackModalMetadata.Decode(view.PrivateMetadata) is not { } metadata)
        {
            return null;
        }

        var data = new Dictionary<string, string>(metadata.Data, StringComparer.Ordinal);
        foreach (var (key, value) in BlockKitModals.Values(view.State))
        {
            data[key] = value;
        }

        var channel = metadata.Channel ?? user; // no channel: answer in the user's DM with the app
        var place = new SlackPlace(team, channel, metadata.ThreadTs, user, null);
        var caller = await callers.ResolveAsync(team, user, token, cancellationToken);

        // Run the turn to the end before answering: a form with errors goes back to the modal and nothing is posted.
        var events = new List<AgentEvent>();
        using (CurrentConversation.Enter(place.Reference))
        {
            var turn = new Turn { Caller = caller, ConversationId = place.ConversationId, Action = new CardAction(metadata.Verb, data) };
            await foreach (var agentEvent in handler.Agent.RunAsync(turn, cancellationToken))
            {
                events.Add(agentEvent);
            }
        }

        if (events.OfType<CardEvent>().Select(e => e.Card).OfType<TicketFormCard>().FirstOrDefault(f => f.FieldErrors.Count > 0) is { } invalid)
        {
            return view.CallbackId == BlockKitModals.NoteCallback
                ? new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["note"] = string.Join(" ", invalid.FieldErrors.SelectMany(e => e.Value)) } }
                : BlockKitModals.Errors(invalid);
        }

        // In a thread or a DM the answer waits for the conversation's earlier work; at the top of a channel (a command's or
        // shortcut's form) it is the user's own.
        var lane = place.ThreadTs is not null || IsDirect(channel) ? SlackWorkLanes.LaneOf(place) : SlackWorkLanes.LaneOf(team, user);
        if (!lanes.TryEnqueue(lane, ct => PostAsync(place, token, events, ct)))
        {
            // The turn has run (a ticket may exist by now): its answer is posted while Slack waits rather than lost.
            LogAnswerPostedAtOnce();
            await PostAsync(place, token, events, cancellationToken);
        }

        return null;
    }

    private async Task PostAsync(SlackPlace place, string token, List<AgentEvent> events, CancellationToken cancellationToken)
    {
        var writer = handler.Writer(token, place.Channel, place.ThreadTs);
        foreach (var agentEvent in events.Where(e => e is not RouteEvent))
        {
            await writer.WriteAsync(agentEvent, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
        await ThreadUnderTicketsAsync(place, writer, cancellationToken);
    }

    /// <summary>
    /// A ticket filed from a channel without a thread (slash command, global shortcut) gets its card as a new message:
    /// notifications about it go into that message's thread rather than the channel.
    /// </summary>
    private async Task ThreadUnderTicketsAsync(SlackPlace place, SlackReplyWriter writer, CancellationToken cancellationToken)
    {
        if (place.ThreadTs is not null)
        {
            return;
        }

        // Matched against the reference the ticket was filed with, which this place also made.
        var filedIn = place.Reference;
        foreach (var (card, ts) in writer.Posted)
        {
            if (card is TicketCard ticket && ts is not null)
            {
                await references.AttachThreadAsync(ticket.TicketId, filedIn.Channel, filedIn.ConversationId, ts, cancellationToken);
            }
        }
    }

    private async Task OpenNewFormAsync(SlackInteraction interaction, string team, string user, string token, string text, string? channel, string? thread, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(team, user, token, cancellationToken);
        var form = NewForm(caller, text);
        await OpenFormAsync(token, interaction.TriggerId, form, channel, thread, cancellationToken);
    }

    /// <summary>A new-ticket form, pre-filled from <paramref name="text"/>, whose submission is safe to retry (form id).</summary>
    public static TicketFormCard NewForm(CallerIdentity caller, string text)
    {
        var form = TicketCards.NewForm(caller, text.Length == 0 ? "" : TicketGuess.Title(text), text, text.Length == 0 ? TicketPriority.Medium : TicketGuess.Priority(text), text.Length == 0 ? TicketCategory.General : TicketGuess.Category(text));
        return form with { Actions = [new CardButton("Create ticket", CardVerbs.TicketCreate, new Dictionary<string, string> { ["formId"] = Guid.NewGuid().ToString("N") })] };
    }

    /// <summary>Opens <paramref name="form"/> as a modal; its submission answers in <paramref name="channel"/> (the DM when null).</summary>
    public async Task<bool> OpenFormAsync(string token, string? triggerId, TicketFormCard form, string? channel, string? thread, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrEmpty(triggerId))
        {
            return false;
        }

        var submit = form.Actions.Count > 0 ? form.Actions[0] : CardButton.Plain("Create ticket", CardVerbs.TicketCreate);
        var data = new Dictionary<string, string>(submit.Data, StringComparer.Ordinal);
        if (form.TicketId is not null)
        {
            data["ticketId"] = form.TicketId;
        }

        if (form.Version is { } version)
        {
            data["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var metadata = new SlackModalMetadata(submit.Verb, data, channel, thread);
        return await api.OpenViewAsync(token, triggerId, BlockKitModals.TicketForm(form, metadata.Encode()), cancellationToken) is not null;
    }

    private static bool IsDirect(string channel) => channel.StartsWith('D');

    [LoggerMessage(1, LogLevel.Warning, "A Slack interaction came from team {TeamId}, where the app has no bot token (not installed)")]
    private partial void LogNotInstalled(string teamId);

    [LoggerMessage(2, LogLevel.Warning, "The Slack work lanes are full (Slack:QueueCapacity); a button click was refused and its user asked to try again")]
    private partial void LogClickRefused();

    [LoggerMessage(3, LogLevel.Warning, "The Slack work lanes are full (Slack:QueueCapacity); a form submission's answer is posted at once, outside its conversation's order")]
    private partial void LogAnswerPostedAtOnce();
}
