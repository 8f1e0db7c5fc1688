namespace MspSupport.Core.Knowledge;

/// <summary>
/// Splits an article into chunks along its headings, then cuts sections longer than the size bound into
/// overlapping windows that end at a paragraph, line, sentence or word boundary when one is near.
/// </summary>
public sealed class MarkdownChunker
{
    public const string PathSeparator = " › ";

    private readonly int _maxChars;
    private readonly int _overlapChars;

    public MarkdownChunker(int maxChars = 1200, int overlapChars = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 50);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapChars);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(overlapChars, maxChars / 2);
        _maxChars = maxChars;
        _overlapChars = overlapChars;
    }

    public IReadOnlyList<KnowledgeChunk> Chunk(ParsedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var chunks = new List<KnowledgeChunk>();
        foreach (var (path, text) in Sections(article))
        {
            foreach (var piece in Windows(text))
            {
                var id = $"{article.SourcePath}#{chunks.Count}";
                chunks.Add(new KnowledgeChunk(id, article.SourcePath, article.Title, path, article.Category, article.Tags, piece, chunks.Count));
            }
        }

        return chunks;
    }

    /// <summary>An ATX heading (<c>## Text</c>) with at most three spaces of indent, as CommonMark defines it.</summary>
    public static bool TryHeading(string line, out int level, out string text)
    {
        ArgumentNullException.ThrowIfNull(line);
        level = 0;
        text = string.Empty;
        var trimmed = line.TrimEnd();
        var indent = trimmed.Length - trimmed.TrimStart().Length;
        if (indent > 3)
        {
            return false;
        }

        trimmed = trimmed.TrimStart();
        while (level < trimmed.Length && trimmed[level] == '#')
        {
            level++;
        }

        if (level is 0 or > 6 || (level < trimmed.Length && trimmed[level] != ' ' && trimmed[level] != '\t'))
        {
            return false;
        }

        text = trimmed[level..].TrimEnd('#').Trim();
        return text.Length > 0;
    }

    private static List<(string Path, string Text)> Sections(ParsedArticle article)
    {
        var sections = new List<(string, string)>();
        var headings = new List<(int Level, string Text)>();
        var body = new System.Text.StringBuilder();
        var fence = (string?)null;

        void Flush()
        {
            var text = body.ToString().Trim();
            body.Clear();
            if (text.Length > 0)
            {
                var names = headings.Select(h => h.Text).Where(h => !h.Equals(article.Title, StringComparison.OrdinalIgnoreCase));
                sections.Add((string.Join(PathSeparator, names.Prepend(article.Title)), text));
            }
        }

        foreach (var line in article.Body.Split('\n'))
        {
            var marker = line.TrimStart();
            if (marker.StartsWith("```", StringComparison.Ordinal) || marker.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = fence is null ? marker[..3] : marker.StartsWith(fence, StringComparison.Ordinal) ? null : fence;
            }
            else if (fence is null && TryHeading(line, out var level, out var heading))
            {
                Flush();
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, heading));
                continue;
            }

            body.Append(line).Append('\n');
        }

        Flush();
        return sections;
    }

    private IEnumerable<string> Windows(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            if (text.Length - start <= _maxChars)
            {
                yield return text[start..].Trim();
                yield break;
            }

            var end = BreakBefore(text, start, start + _maxChars);
            yield return text[start..end].Trim();

            var next = end - _overlapChars;
            while (next < end && next > 0 && !char.IsWhiteSpace(text[next - 1]))
            {
                next++;
            }

            start = next <= start ? end : next;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }
        }
    }

    /// <summary>The best place to end a window: the last paragraph, line, sentence or word break in its second half.</summary>
    private static int BreakBefore(string text, int start, int limit)
    {
        var floor = start + ((limit - start) / 2);
        var span = text.AsSpan(floor, limit - floor);
        ReadOnlySpan<string> breaks = ["\n\n", "\n", ". ", "? ", "! ", " "];
        foreach (var mark in breaks)
        {
            var at = span.LastIndexOf(mark.AsSpan(), StringComparison.Ordinal);
            if (at >= 0)
            {
                return floor + at + mark.Length;
            }
        }

        return limit;
    }
}
