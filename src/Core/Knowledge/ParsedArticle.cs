namespace MspSupport.Core.Knowledge;

/// <summary>An article read from disk, its format already reduced to Markdown-style headings and text.</summary>
public sealed record ParsedArticle(
    string SourcePath,
    string Title,
    string? Category,
    IReadOnlyList<string> Tags,
    string Body);
