using System.Text.RegularExpressions;

namespace MspSupport.Bot.Rendering.BlockKit;

/// <summary>
/// Slack's mrkdwn is not Markdown: &amp;, &lt; and &gt; must be escaped, bold is one asterisk, links are
/// <c>&lt;url|text&gt;</c>. Model answers come as Markdown and are translated here.
/// </summary>
public static partial class SlackMarkdown
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>Markdown (as a model writes it) to mrkdwn: escaped text, bold, headings, links.</summary>
    public static string FromMarkdown(string markdown)
    {
        var text = Escape(markdown);
        text = Link().Replace(text, m => $"<{m.Groups["url"].Value}|{m.Groups["text"].Value.Replace("|", "¦", StringComparison.Ordinal)}>");
        text = Bold().Replace(text, "*${x}*");
        text = Heading().Replace(text, "*${x}*");
        return text;
    }

    /// <summary>A link in mrkdwn, or the escaped label when the URL is not http(s).</summary>
    public static string Link(string url, string label)
    {
        var text = Escape(label).Replace("|", "¦", StringComparison.Ordinal);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<{Escape(uri.AbsoluteUri)}|{text}>"
            : text;
    }

    [GeneratedRegex(@"\[(?<text>[^\]\n]{1,300})\]\((?<url>https?://[^\s)]{1,2000})\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(?<x>[^*\n]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"^#{1,6}\s+(?<x>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
