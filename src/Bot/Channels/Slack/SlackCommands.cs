using System.Text.Json.Nodes;
using MspSupport.Bot.Rendering.BlockKit;
using MspSupport.Core.Agent;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// <c>/ticket</c>: <c>new [what is wrong]</c> opens the ticket form as a modal, <c>list</c> and <c>status &lt;id&gt;</c>
/// answer privately (ephemeral) with the ticket cards, <c>help</c> shows what the assistant can do; anything else gets
/// the usage text. The answers need no model, so they go back in the command's own response, inside Slack's 3 seconds.
/// </summary>
public sealed class SlackCommands(SlackAgentHandler handler, SlackInteractions interactions, SlackInstallations installations, SlackCallers callers)
{
    public const string Command = "/ticket";

    public const string Usage = "Usage: `/ticket new [what is wrong]` files a ticket, `/ticket list` lists your tickets, `/ticket status TKT-…` shows one, `/ticket help` shows what I can do.";

    /// <summary>The body to answer Slack with (null: an empty 200).</summary>
    public async Task<JsonObject?> HandleAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var team = form.GetValueOrDefault("team_id");
        var user = form.GetValueOrDefault("user_id");
        var channel = form.GetValueOrDefault("channel_id");
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel))
        {
            return Ephemeral("This command came without a workspace, user or channel; try again from Slack.");
        }

        var token = await installations.BotTokenAsync(team, cancellationToken);
        if (token is null)
        {
            return Ephemeral("The support assistant is not installed in this workspace yet; ask your admin to install it.");
        }

        var text = SlackAgentHandler.CleanText(form.GetValueOrDefault("text"));
        var (verb, rest) = Split(text);
        var caller = await callers.ResolveAsync(team, user, token, cancellationToken);
        var place = new SlackPlace(team, channel, null, user, null);
        switch (verb)
        {
            case "new":
                var opened = await interactions.OpenFormAsync(token, form.GetValueOrDefault("trigger_id"), SlackInteractions.NewForm(caller, rest), channel, null, cancellationToken);
                return opened ? null : Ephemeral("I could not open the ticket form; please try again.");
            case "list":
                return await AnswerAsync(place, caller, rest.Contains("open", StringComparison.OrdinalIgnoreCase) ? "list my open tickets" : "list my tickets", null, cancellationToken);
            case "status" when rest.Length > 0:
                return await AnswerAsync(place, caller, $"status of {rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]}", null, cancellationToken);
            case "help" or "":
                return await AnswerAsync(place, caller, null, new CardAction(CardVerbs.Help, new Dictionary<string, string>()), cancellationToken);
            default:
                return Ephemeral(Usage);
        }
    }

    private async Task<JsonObject> AnswerAsync(SlackPlace place, Core.Identity.CallerIdentity caller, string? text, CardAction? action, CancellationToken cancellationToken)
    {
        var blocks = new JsonArray();
        var plain = new List<string>();
        var turn = new Turn { Caller = caller, ConversationId = place.ConversationId, Text = text, Action = action };
        using (Core.Notifications.CurrentConversation.Enter(place.Reference))
        {
            await foreach (var agentEvent in handler.Agent.RunAsync(turn, cancellationToken))
            {
                switch (agentEvent)
                {
                    case TextEvent t:
                        plain.Add(t.Text);
                        blocks.Add(BlockKitRenderer.Section(BlockKitLimits.Truncate(SlackMarkdown.FromMarkdown(t.Text), BlockKitLimits.SectionText)));
                        break;
                    case CardEvent c:
                        plain.Add(c.Card.ToPlainText());
                        foreach (var block in handler.Renderer.Render(c.Card))
                        {
                            blocks.Add(block!.DeepClone());
                        }

                        break;
                }
            }
        }

        while (blocks.Count > BlockKitLimits.MessageBlocks)
        {
            blocks.RemoveAt(BlockKitLimits.MessageBlocks - 1);
        }

        return new JsonObject
        {
            ["response_type"] = "ephemeral",
            ["text"] = BlockKitLimits.Plain(string.Join("\n", plain), BlockKitLimits.MessageText),
            ["blocks"] = blocks,
        };
    }

    private static (string Verb, string Remainder) Split(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text.ToLowerInvariant(), "") : (text[..space].ToLowerInvariant(), text[(space + 1)..].Trim());
    }

    private static JsonObject Ephemeral(string text) => new() { ["response_type"] = "ephemeral", ["text"] = text };
}
