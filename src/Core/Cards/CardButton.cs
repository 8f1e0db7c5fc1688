namespace MspSupport.Core.Cards;

/// <summary>A button on a card. <see cref="Data"/> comes back unchanged with the <see cref="Verb"/>, merged with any form inputs.</summary>
public sealed record CardButton(string Title, string Verb, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>A button that carries no data.</summary>
    public static CardButton Plain(string title, string verb) => new(title, verb, new Dictionary<string, string>());
}
