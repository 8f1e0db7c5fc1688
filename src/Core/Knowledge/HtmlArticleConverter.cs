using System.Net;
using System.Text.RegularExpressions;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// Reduces an HTML article to the Markdown-style text the chunker reads: headings become <c>#</c> lines,
/// block elements become line breaks, everything else is text. Knowledge-base exports are simple pages;
/// a full DOM is not needed to find their headings and paragraphs.
/// </summary>
internal static partial class HtmlArticleConverter
{
    public static (string? Title, string? Category, IReadOnlyList<string> Tags, string Body) Convert(string html)
    {
        var title = Clean(TitleTag().Match(html).Groups["t"].Value);
        var category = MetaContent(html, "category");
        var keywords = MetaContent(html, "keywords");
        var tags = keywords is null
            ? []
            : keywords.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var text = Invisible().Replace(html, " ");
        text = Heading().Replace(text, m => $"\n\n{new string('#', m.Groups["n"].Value[0] - '0')} {Clean(StripTags(m.Groups["t"].Value))}\n\n");
        text = BlockBreak().Replace(text, "\n");
        text = StripTags(text);
        text = WebUtility.HtmlDecode(text);
        text = SpaceRun().Replace(text, " ");
        text = BlankLines().Replace(text, "\n\n");
        return (title.Length == 0 ? null : title, category, tags, text.Trim());
    }

    private static string? MetaContent(string html, string name)
    {
        foreach (Match meta in MetaTag().Matches(html))
        {
            var tag = meta.Value;
            var metaName = Attribute().Matches(tag).FirstOrDefault(a => a.Groups["k"].Value.Equals("name", StringComparison.OrdinalIgnoreCase));
            var content = Attribute().Matches(tag).FirstOrDefault(a => a.Groups["k"].Value.Equals("content", StringComparison.OrdinalIgnoreCase));
            if (metaName is not null && content is not null && metaName.Groups["v"].Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = Clean(content.Groups["v"].Value);
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    private static string StripTags(string text) => Tag().Replace(text, string.Empty);

    private static string Clean(string text) => SpaceRun().Replace(WebUtility.HtmlDecode(text), " ").Trim();

    [GeneratedRegex(@"<title[^>]*>(?<t>.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleTag();

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"(?<k>[a-zA-Z-]+)\s*=\s*[""'](?<v>[^""']*)[""']")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<(script|style|head|noscript|template)\b.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<h(?<n>[1-6])\b[^>]*>(?<t>.*?)</h\k<n>\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"<(br|/?p|/?div|/?li|/?ul|/?ol|/?tr|/?table|/?pre|/?blockquote|/?section|/?article|hr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBreak();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@"\n\s*\n(\s*\n)*")]
    private static partial Regex BlankLines();
}
