using System.Text.RegularExpressions;

namespace MspSupport.Core.Handoff;

/// <summary>
/// A small, explainable heuristic for "this customer is fed up": exasperated phrases, a message shouted in capitals,
/// or a pile of exclamation marks. Cheap and deterministic on purpose; a model is not needed to hear "this is useless!!!".
/// </summary>
public static partial class FrustrationSignal
{
    private const int MinShoutedLetters = 12;

    public static bool IsFrustrated(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4_000)
        {
            return false;
        }

        return Phrases().IsMatch(text) || Exclamations().IsMatch(text) || IsShouted(text);
    }

    private static bool IsShouted(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count >= MinShoutedLetters && letters.Count(char.IsUpper) >= letters.Count * 0.8;
    }

    [GeneratedRegex(@"!{3,}|[!?]{4,}", RegexOptions.CultureInvariant)]
    private static partial Regex Exclamations();

    [GeneratedRegex(@"\b(this\s+is\s+(useless|ridiculous|a\s+joke|unacceptable|pointless)|you('re|\s+are)\s+(useless|not\s+helping|no\s+help)|(doesn'?t|does\s+not|didn'?t|did\s+not|isn'?t|is\s+not)\s+help(ing)?|waste\s+of\s+(my\s+)?time|fed\s+up|sick\s+(and\s+tired\s+)?of|still\s+(not\s+working|broken|doesn'?t\s+work)|third\s+time|for\s+the\s+last\s+time|wtf|what\s+the\s+hell|so\s+frustrat(ed|ing)|i('m|\s+am)\s+(frustrated|furious|angry))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Phrases();
}
