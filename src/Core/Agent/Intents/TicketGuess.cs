using System.Text.RegularExpressions;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Agent.Intents;

/// <summary>
/// Pre-fills a new-ticket form from what the user wrote: a title, and a category and priority guessed from the words
/// people use. Only a suggestion; the user sees and can change every field before the ticket is filed.
/// </summary>
public static partial class TicketGuess
{
    public static string Title(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var title = Whitespace().Replace(subject, " ").Trim().TrimEnd('.', '!', '?', ' ');
        if (title.Length == 0)
        {
            return "";
        }

        title = char.ToUpperInvariant(title[0]) + title[1..];
        return title.Length <= TicketRules.TitleMaxLength ? title : title[..(TicketRules.TitleMaxLength - 1)] + "…";
    }

    public static TicketCategory Category(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Security().IsMatch(text) ? TicketCategory.Security
            : Network().IsMatch(text) ? TicketCategory.Network
            : Hardware().IsMatch(text) ? TicketCategory.Hardware
            : Software().IsMatch(text) ? TicketCategory.Software
            : TicketCategory.General;
    }

    public static TicketPriority Priority(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Critical().IsMatch(text) ? TicketPriority.Critical
            : High().IsMatch(text) ? TicketPriority.High
            : Low().IsMatch(text) ? TicketPriority.Low
            : TicketPriority.Medium;
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(phish\w*|password\w*|mfa|2fa|virus|malware|ransomware|hack(ed)?|breach|suspicious|spam|locked\s+out|compromised)\b", Options)]
    private static partial Regex Security();

    [GeneratedRegex(@"\b(vpn|wi-?fi|wireless|internet|network|dns|router|firewall|switch|connectivity|outage|ethernet|lan|bandwidth)\b", Options)]
    private static partial Regex Network();

    [GeneratedRegex(@"\b(printer|printing|laptop|desktop|monitor|screen|keyboard|mouse|dock(ing)?|headset|webcam|phone|battery|scanner|hardware)\b", Options)]
    private static partial Regex Hardware();

    [GeneratedRegex(@"\b(outlook|excel|word|teams|office|install\w*|licen[cs]e|app|application|software|update|crash\w*|email|sharepoint|onedrive)\b", Options)]
    private static partial Regex Software();

    [GeneratedRegex(@"\b(outage|down\s+for\s+everyone|whole\s+office|everyone|all\s+users|ransomware|breach|server\s+down|site\s+down)\b", Options)]
    private static partial Regex Critical();

    [GeneratedRegex(@"\b(urgent|asap|phish\w*|hack(ed)?|can'?t\s+work|cannot\s+work|blocked|locked\s+out|immediately)\b", Options)]
    private static partial Regex High();

    [GeneratedRegex(@"\b(no\s+rush|when\s+you\s+(have|get)\s+(time|a\s+chance)|low\s+priority|not\s+urgent|whenever)\b", Options)]
    private static partial Regex Low();
}
