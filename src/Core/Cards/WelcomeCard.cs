namespace MspSupport.Core.Cards;

/// <summary>Greeting and help: what the assistant can do, with examples to try.</summary>
public sealed record WelcomeCard : Card
{
    public required string Greeting { get; init; }
    public IReadOnlyList<string> Examples { get; init; } = [];

    public override string ToPlainText() => Greeting + " Try: " + string.Join(" | ", Examples);
}
