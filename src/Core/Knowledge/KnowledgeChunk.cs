namespace MspSupport.Core.Knowledge;

/// <summary>
/// One searchable piece of an article: a section (or part of a long section) with where it came from.
/// </summary>
/// <param name="Id">Stable across runs: the source path and the chunk's position, e.g. <c>network/vpn.md#3</c>.</param>
/// <param name="SourcePath">Path relative to the knowledge folder, with forward slashes.</param>
/// <param name="SectionPath">Headings from the title down, joined by " › ".</param>
public sealed record KnowledgeChunk(
    string Id,
    string SourcePath,
    string Title,
    string SectionPath,
    string? Category,
    IReadOnlyList<string> Tags,
    string Text,
    int Ordinal)
{
    /// <summary>What the embedding model sees: the headings give a short section its context.</summary>
    public string EmbeddingText => $"{SectionPath}\n\n{Text}";
}
