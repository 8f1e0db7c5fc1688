namespace MspSupport.Core.Knowledge;

/// <summary>
/// The YAML front matter our articles use: flat <c>key: value</c> pairs, and lists either inline
/// (<c>tags: [vpn, mfa]</c>) or as <c>- item</c> lines. A full YAML parser is not needed for three keys.
/// </summary>
internal sealed record FrontMatter(IReadOnlyDictionary<string, IReadOnlyList<string>> Values, string Body)
{
    public static FrontMatter Split(string text)
    {
        var empty = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return new FrontMatter(empty, text);
        }

        var lines = text.Split('\n');
        if (lines[0].TrimEnd('\r').Trim() != "---")
        {
            return new FrontMatter(empty, text);
        }

        var end = Array.FindIndex(lines, 1, line => line.TrimEnd('\r').Trim() is "---" or "...");
        if (end < 0)
        {
            return new FrontMatter(empty, text);
        }

        var values = Parse(lines.AsSpan(1, end - 1));
        return new FrontMatter(values, string.Join('\n', lines.Skip(end + 1)));
    }

    public string? Single(string key) =>
        Values.TryGetValue(key, out var list) && list.Count > 0 && list[0].Length > 0 ? list[0] : null;

    public IReadOnlyList<string> List(string key) => Values.TryGetValue(key, out var list) ? list : [];

    private static Dictionary<string, IReadOnlyList<string>> Parse(ReadOnlySpan<string> lines)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        List<string>? openList = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.StartsWith("- ", StringComparison.Ordinal) && openList is not null)
            {
                AddItem(openList, trimmed[2..]);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            var items = new List<string>();
            values[key] = items;
            openList = value.Length == 0 ? items : null;
            if (value.StartsWith('[') && value.EndsWith(']'))
            {
                foreach (var item in value[1..^1].Split(','))
                {
                    AddItem(items, item);
                }
            }
            else if (value.Length > 0)
            {
                items.Add(Unquote(value));
            }
        }

        return values;
    }

    private static void AddItem(List<string> items, string item)
    {
        var value = Unquote(item.Trim());
        if (value.Length > 0)
        {
            items.Add(value);
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
