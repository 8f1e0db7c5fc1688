using System.Text.Json.Serialization;

namespace MspSupport.Core.Cards;

/// <summary>
/// A card as the core means it, independent of any channel: the renderers (Adaptive Cards, Block Kit) draw it.
/// Every button carries a verb the agent handles when it comes back as a <see cref="CardAction"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TicketFormCard), "ticketForm")]
[JsonDerivedType(typeof(TicketCard), "ticket")]
[JsonDerivedType(typeof(TicketListCard), "ticketList")]
[JsonDerivedType(typeof(AnswerCard), "answer")]
[JsonDerivedType(typeof(ConfirmationCard), "confirmation")]
[JsonDerivedType(typeof(WelcomeCard), "welcome")]
[JsonDerivedType(typeof(TriageCard), "triage")]
public abstract record Card
{
    public IReadOnlyList<CardButton> Actions { get; init; } = [];

    /// <summary>The card as a person would read it in plain text; kept in conversation memory and used by text-only channels.</summary>
    public abstract string ToPlainText();
}
