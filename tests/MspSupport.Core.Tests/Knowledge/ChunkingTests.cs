using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class ChunkingTests
{
    [Fact]
    public void Chunks_follow_headings_and_carry_the_section_path()
    {
        var article = Read("vpn.md", Articles.Vpn);

        var chunks = new MarkdownChunker().Chunk(article);

        Assert.Equal(
            ["Reset a forgotten VPN password", "Reset a forgotten VPN password › Before you start", "Reset a forgotten VPN password › Steps"],
            chunks.Select(c => c.SectionPath));
        Assert.All(chunks, c => Assert.Equal("network", c.Category));
        Assert.All(chunks, c => Assert.Equal(["vpn", "passwords"], c.Tags));
        Assert.Equal(["vpn.md#0", "vpn.md#1", "vpn.md#2"], chunks.Select(c => c.Id));
        Assert.StartsWith("1. Open the portal.", chunks[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Subsections_nest_under_their_parent_and_a_sibling_closes_them()
    {
        var article = Read("a.md", "# Guide\n\n## Install\n\ntext a\n\n### On Mac\n\ntext b\n\n## Remove\n\ntext c\n");

        var chunks = new MarkdownChunker().Chunk(article);

        Assert.Equal(["Guide › Install", "Guide › Install › On Mac", "Guide › Remove"], chunks.Select(c => c.SectionPath));
    }

    [Fact]
    public void A_long_section_is_cut_into_bounded_chunks_that_overlap()
    {
        var sentences = Enumerable.Range(1, 120).Select(i => $"Sentence number {i} explains one more detail of the backup job.");
        var article = Read("backup.md", "# Backups\n\n" + string.Join(' ', sentences));

        var chunks = new MarkdownChunker(maxChars: 1200, overlapChars: 200).Chunk(article);

        Assert.True(chunks.Count >= 5, $"expected several chunks, got {chunks.Count}");
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 1200));
        for (var i = 1; i < chunks.Count; i++)
        {
            // The next chunk opens with words the previous one ended with.
            var opening = chunks[i].Text[..40];
            Assert.Contains(opening, chunks[i - 1].Text, StringComparison.Ordinal);
        }

        Assert.Contains("Sentence number 120 explains", chunks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_inside_a_code_fence_does_not_start_a_section()
    {
        var article = Read("script.md", "# Script\n\nRun this:\n\n```bash\n# not a heading\necho hi\n```\n");

        var chunks = new MarkdownChunker().Chunk(article);

        var chunk = Assert.Single(chunks);
        Assert.Contains("# not a heading", chunk.Text, StringComparison.Ordinal);
    }

    private static ParsedArticle Read(string path, string text) =>
        ArticleReader.Read(path, System.Text.Encoding.UTF8.GetBytes(text)).Article ?? throw new InvalidOperationException("not read");
}
