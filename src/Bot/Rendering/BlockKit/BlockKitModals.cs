using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MspSupport.Core.Cards;
using MspSupport.Core.Tickets;

namespace MspSupport.Bot.Rendering.BlockKit;

/// <summary>
/// The ticket form and the note box as Slack modals. Each input's <c>block_id</c> and <c>action_id</c> is the core's
/// wire field name, so a <c>view_submission</c>'s state maps straight back to form values, and the core's field errors
/// map straight to <c>response_action: errors</c>.
/// </summary>
public static class BlockKitModals
{
    public const string TicketFormCallback = "ticket_form";
    public const string NoteCallback = "ticket_note";

    public static JsonObject TicketForm(TicketFormCard form, string privateMetadata)
    {
        ArgumentNullException.ThrowIfNull(form);
        var blocks = new JsonArray
        {
            TextInput("title", "Title", form.Title, TicketRules.TitleMaxLength, multiline: false, optional: false, "What is wrong, in a few words"),
            TextInput("description", "Description", form.Description, BlockKitLimits.InputMaxLength, multiline: true, optional: true, "What happens, since when, what you tried"),
            Select("priority", "Priority", form.Priorities, form.Priority),
            Select("category", "Category", form.Categories, form.Category),
        };
        if (form.AsksForCustomer)
        {
            blocks.Add(TextInput("customerId", "Customer", form.CustomerId, 200, multiline: false, optional: false, "The customer's id, e.g. contoso"));
        }

        var isNew = form.Mode == TicketFormMode.New;
        return View(TicketFormCallback, isNew ? "New ticket" : $"Edit {form.TicketId}", isNew ? "Create" : "Save", privateMetadata, blocks);
    }

    public static JsonObject Note(string ticketId, string privateMetadata) =>
        View(NoteCallback, $"Note on {ticketId}", "Add note", privateMetadata,
            [TextInput("note", "Note", "", TicketRules.NoteMaxLength > BlockKitLimits.InputMaxLength ? BlockKitLimits.InputMaxLength : TicketRules.NoteMaxLength, multiline: true, optional: false, "What happened, what you tried")]);

    /// <summary>The form the "Open the ticket form" button of <see cref="BlockKitRenderer"/> describes.</summary>
    public static TicketFormCard FormFromButton(CardAction open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var submitData = open.Data.Where(p => p.Key.StartsWith("submit.", StringComparison.Ordinal)).ToDictionary(p => p.Key["submit.".Length..], p => p.Value, StringComparer.Ordinal);
        var mode = open.Data.GetValueOrDefault("mode") == nameof(TicketFormMode.Edit) ? TicketFormMode.Edit : TicketFormMode.New;
        return new TicketFormCard
        {
            Mode = mode,
            TicketId = open.Data.GetValueOrDefault("ticketId"),
            Version = long.TryParse(open.Data.GetValueOrDefault("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null,
            Title = open.Data.GetValueOrDefault("title") ?? "",
            Description = open.Data.GetValueOrDefault("description") ?? "",
            Priority = open.Data.GetValueOrDefault("priority") ?? TicketPriority.Medium.Name(),
            Category = open.Data.GetValueOrDefault("category") ?? TicketCategory.General.Name(),
            AsksForCustomer = open.Data.GetValueOrDefault("asksForCustomer") == "true",
            CustomerId = open.Data.GetValueOrDefault("customerId") ?? "",
            Actions = [new CardButton("Submit", open.Data.GetValueOrDefault("submitVerb") ?? CardVerbs.TicketCreate, submitData)],
        };
    }

    /// <summary>The submitted values of a view's <c>state.values</c>: text inputs and selected options by block id.</summary>
    public static Dictionary<string, string> Values(JsonElement state)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (state.ValueKind != JsonValueKind.Object || !state.TryGetProperty("values", out var blocks) || blocks.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var block in blocks.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var element in block.Value.EnumerateObject())
            {
                var e = element.Value;
                if (e.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (e.TryGetProperty("value", out var text) && text.ValueKind is JsonValueKind.String or JsonValueKind.Null)
                {
                    values[block.Name] = text.ValueKind == JsonValueKind.String ? text.GetString()! : "";
                }
                else if (e.TryGetProperty("selected_option", out var option) && option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var selected) && selected.ValueKind == JsonValueKind.String)
                {
                    values[block.Name] = selected.GetString()!;
                }
            }
        }

        return values;
    }

    /// <summary><c>response_action: errors</c> for a form that came back with field errors; unknown fields go under the title.</summary>
    public static JsonObject Errors(TicketFormCard form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var known = new HashSet<string>(StringComparer.Ordinal) { "title", "description", "priority", "category" };
        if (form.AsksForCustomer)
        {
            known.Add("customerId");
        }

        var errors = new JsonObject();
        foreach (var (field, messages) in form.FieldErrors)
        {
            var block = known.Contains(field) ? field : "title";
            var text = string.Join(" ", messages);
            errors[block] = errors[block] is { } earlier ? $"{earlier.GetValue<string>()} {text}" : text;
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }

    private static JsonObject View(string callbackId, string title, string submit, string privateMetadata, JsonArray blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["title"] = BlockKitRenderer.PlainText(BlockKitLimits.Plain(title, BlockKitLimits.ModalTitle)),
        ["submit"] = BlockKitRenderer.PlainText(BlockKitLimits.Plain(submit, BlockKitLimits.ModalButton)),
        ["close"] = BlockKitRenderer.PlainText("Cancel"),
        ["private_metadata"] = privateMetadata.Length <= BlockKitLimits.PrivateMetadata ? privateMetadata : throw new ArgumentException("Private metadata is over Slack's 3000 characters.", nameof(privateMetadata)),
        ["blocks"] = blocks,
    };

    private static JsonObject TextInput(string id, string label, string initial, int maxLength, bool multiline, bool optional, string placeholder)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = id,
            ["multiline"] = multiline,
            ["max_length"] = maxLength,
            ["placeholder"] = BlockKitRenderer.PlainText(placeholder),
        };
        if (initial.Length > 0)
        {
            element["initial_value"] = initial.Length <= maxLength ? initial : initial[..maxLength];
        }

        return new JsonObject { ["type"] = "input", ["block_id"] = id, ["label"] = BlockKitRenderer.PlainText(label), ["optional"] = optional, ["element"] = element };
    }

    private static JsonObject Select(string id, string label, IReadOnlyList<string> choices, string selected)
    {
        var options = new JsonArray([.. choices.Take(BlockKitLimits.SelectOptions).Select(Option)]);
        var element = new JsonObject { ["type"] = "static_select", ["action_id"] = id, ["options"] = options };
        if (choices.FirstOrDefault(c => string.Equals(c, selected, StringComparison.OrdinalIgnoreCase)) is { } initial)
        {
            element["initial_option"] = Option(initial);
        }

        return new JsonObject { ["type"] = "input", ["block_id"] = id, ["label"] = BlockKitRenderer.PlainText(label), ["element"] = element };
    }

    private static JsonObject Option(string choice) => new()
    {
        ["text"] = BlockKitRenderer.PlainText(BlockKitLimits.Plain(choice, BlockKitLimits.OptionText)),
        ["value"] = BlockKitLimits.Plain(choice, BlockKitLimits.OptionValue),
    };
}
