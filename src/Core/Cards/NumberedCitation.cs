namespace MspSupport.Core.Cards;

/// <summary>A source of an answer as the answer's text cites it: <c>[Number]</c>.</summary>
public sealed record NumberedCitation(int Number, string Title, string Section, string Link);
