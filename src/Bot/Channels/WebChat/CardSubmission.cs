using System.Text.Json;
using MspSupport.Bot.Rendering.AdaptiveCards;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>Web Chat sends an Action.Submit as a message whose value is the button's data merged with the form's inputs.</summary>
public static class CardSubmission
{
    public static CardAction? From(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data ||
            !data.TryGetProperty(AdaptiveCardRenderer.VerbField, out var verb) || verb.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            if (property.Name != AdaptiveCardRenderer.VerbField &&
                property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return new CardAction(verb.GetString()!, values);
    }
}
