using System.Globalization;
using System.Text.Json.Nodes;

namespace MspSupport.Bot.Rendering.AdaptiveCards;

/// <summary>The Adaptive Card elements every card is built from (schema 1.5), shared by all the card renderers.</summary>
internal static class AdaptiveCardElements
{
    public static JsonObject TextInput(string id, string label, string value, int maxLength, bool required, bool multiline)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["label"] = label,
            ["value"] = value,
            ["maxLength"] = maxLength,
            ["isMultiline"] = multiline,
        };
        if (required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = $"{label} is required.";
        }

        return input;
    }

    /// <summary>A compact choice set; with no <paramref name="value"/> it shows <paramref name="placeholder"/> instead.</summary>
    public static JsonObject Choices(string id, string label, string? value, IReadOnlyList<string> options, string? placeholder = null)
    {
        var choices = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = "compact",
            ["choices"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["title"] = o, ["value"] = o })]),
        };
        if (value is not null)
        {
            choices["value"] = value;
        }

        if (placeholder is not null)
        {
            choices["placeholder"] = placeholder;
        }

        return choices;
    }

    public static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    public static JsonObject Text(string text, string? size = null, string? weight = null, string? color = null, bool isSubtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    /// <summary>A time as cards show it: UTC, to the minute.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
