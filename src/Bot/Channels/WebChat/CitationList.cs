using System.Text;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Channels.WebChat;

/// <summary>
/// The "Sources" list under a web chat answer, in Markdown: one line per place cited, "Title › Section", linked when the
/// knowledge base has a web address for it. A citation's section path already starts with the article's title, so the
/// title is not repeated; citations that come out the same are listed once, with all their numbers.
/// </summary>
internal static class CitationList
{
    public static string Markdown(IReadOnlyList<NumberedCitation> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var lines = new List<(string Where, string Link, List<int> Numbers)>();
        foreach (var citation in citations)
        {
            var where = Where(citation);
            var link = citation.Link?.Trim() ?? "";
            var same = lines.FindIndex(l => l.Where == where && l.Link == link);
            if (same >= 0)
            {
                lines[same].Numbers.Add(citation.Number);
            }
            else
            {
                lines.Add((where, link, [citation.Number]));
            }
        }

        var text = new StringBuilder();
        foreach (var (where, link, numbers) in lines)
        {
            text.Append('\n').Append("- ").Append(string.Concat(numbers.Select(n => $"\\[{n}\\]"))).Append(' ');
            if (IsWebAddress(link))
            {
                text.Append('[').Append(Escape(where)).Append("](").Append(link.Replace(" ", "%20", StringComparison.Ordinal)).Append(')');
            }
            else
            {
                text.Append(Escape(where));
                if (link.Length > 0)
                {
                    text.Append(" (`").Append(link.Replace("`", "", StringComparison.Ordinal)).Append("`)");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>"Title › Section", without the title twice when the section path starts with it.</summary>
    public static string Where(NumberedCitation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var title = citation.Title.Trim();
        var section = citation.Section?.Trim() ?? "";
        if (section.Length == 0 || section == title)
        {
            return title;
        }

        return section.StartsWith(title + " ›", StringComparison.Ordinal) || title.Length == 0 ? section : $"{title} › {section}";
    }

    private static bool IsWebAddress(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '[' or ']' or '*' or '_' or '`' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
