using System.Text.Json;
using System.Text.Json.Nodes;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Rendering.BlockKit;

/// <summary>
/// A button's verb and data as Slack carries them: the button's <c>value</c> (at most 2000 characters) holds
/// <c>{"verb": …, "data": {…}}</c> and comes back unchanged in <c>block_actions</c>.
/// </summary>
public static class BlockKitActionValue
{
    public static string Encode(string verb, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = new JsonObject();
        foreach (var (key, value) in data)
        {
            values[key] = value;
        }

        var encoded = new JsonObject { ["verb"] = verb, ["data"] = values }.ToJsonString();
        if (encoded.Length <= BlockKitLimits.ButtonValue)
        {
            return encoded;
        }

        // Too long (a pre-filled description): shorten the longest value until it fits; ids are short and survive.
        var longest = data.MaxBy(p => p.Value.Length).Key;
        var trimmed = new Dictionary<string, string>(data, StringComparer.Ordinal) { [longest] = data[longest][..Math.Max(0, data[longest].Length - (encoded.Length - BlockKitLimits.ButtonValue) - 8)] };
        return Encode(verb, trimmed);
    }

    public static CardAction? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(value) is not JsonObject o || o["verb"]?.GetValueKind() != JsonValueKind.String)
            {
                return null;
            }

            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            if (o["data"] is JsonObject values)
            {
                foreach (var (key, node) in values)
                {
                    if (node?.GetValueKind() == JsonValueKind.String)
                    {
                        data[key] = node.GetValue<string>();
                    }
                }
            }

            return new CardAction(o["verb"]!.GetValue<string>(), data);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
