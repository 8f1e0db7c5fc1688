using System.Text;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// Turns the bytes of one knowledge file into a <see cref="ParsedArticle"/>, or says why it cannot:
/// a binary or non-UTF-8 file would otherwise end up as garbage in the index and in answers.
/// </summary>
public static class ArticleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsArticleFile(string path)
    {
        var extension = Path.GetExtension(path).ToUpperInvariant();
        return extension is ".MD" or ".MARKDOWN" or ".HTML" or ".HTM" or ".TXT";
    }

    /// <param name="sourcePath">Relative path with forward slashes; becomes the chunk ids and the citation.</param>
    public static ArticleReadResult Read(string sourcePath, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return ArticleReadResult.Skip("binary content (NUL bytes)");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ArticleReadResult.Skip("not valid UTF-8");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ArticleReadResult.Skip("empty");
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var extension = Path.GetExtension(sourcePath).ToUpperInvariant();
        var article = extension switch
        {
            ".HTML" or ".HTM" => FromHtml(sourcePath, text),
            ".TXT" => new ParsedArticle(sourcePath, TitleFromFileName(sourcePath), null, [], text),
            _ => FromMarkdown(sourcePath, text),
        };

        return string.IsNullOrWhiteSpace(article.Body) ? ArticleReadResult.Skip("empty") : ArticleReadResult.Ok(article);
    }

    private static ParsedArticle FromMarkdown(string sourcePath, string text)
    {
        var front = FrontMatter.Split(text);
        var title = front.Single("title") ?? FirstHeading(front.Body) ?? TitleFromFileName(sourcePath);
        var tags = front.List("tags").Concat(front.List("keywords")).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return new ParsedArticle(sourcePath, title, front.Single("category"), tags, front.Body.Trim('\n'));
    }

    private static ParsedArticle FromHtml(string sourcePath, string html)
    {
        var (title, category, tags, body) = HtmlArticleConverter.Convert(html);
        title ??= FirstHeading(body) ?? TitleFromFileName(sourcePath);
        return new ParsedArticle(sourcePath, title, category, tags, body);
    }

    private static string? FirstHeading(string markdown)
    {
        foreach (var line in markdown.Split('\n'))
        {
            if (MarkdownChunker.TryHeading(line, out var level, out var heading) && level == 1)
            {
                return heading;
            }
        }

        return null;
    }

    private static string TitleFromFileName(string sourcePath)
    {
        var name = Path.GetFileNameWithoutExtension(sourcePath).Replace('-', ' ').Replace('_', ' ').Trim();
        return name.Length == 0 ? sourcePath : char.ToUpperInvariant(name[0]) + name[1..];
    }
}
