namespace MspSupport.Core.Cards;

/// <summary>A button press or form submission coming back from a channel: the button's verb and the form's values.</summary>
public sealed record CardAction(string Verb, IReadOnlyDictionary<string, string> Data)
{
    public string? Get(string key) => Data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
