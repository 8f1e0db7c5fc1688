using System.Text;
using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class ArticleReaderTests
{
    [Fact]
    public void Front_matter_sets_title_category_and_tags_in_either_list_form()
    {
        var inline = Read("vpn.md", Articles.Vpn);
        var block = Read("printer.md", Articles.Printer);

        Assert.Equal(("Reset a forgotten VPN password", "network"), (inline.Title, inline.Category));
        Assert.Equal(["vpn", "passwords"], inline.Tags);
        Assert.Equal(["printers", "windows"], block.Tags);
        Assert.DoesNotContain("category:", block.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_front_matter_the_first_heading_is_the_title_and_else_the_file_name()
    {
        Assert.Equal("Map a network drive", Read("drive.md", "Intro\n\n# Map a network drive\n\nUse Explorer.").Title);
        Assert.Equal("Wifi troubleshooting", Read("wifi-troubleshooting.txt", "Turn it off and on.").Title);
    }

    [Fact]
    public void Html_article_keeps_its_title_headings_and_meta_tags_and_drops_scripts()
    {
        const string html = """
            <html><head><title>Teams &amp; audio</title><meta name="category" content="collaboration"><meta name="keywords" content="teams, audio">
            <script>var secret = 1;</script></head>
            <body><h1>Teams &amp; audio</h1><p>Pick the headset in <b>Settings</b>.</p><h2>No sound</h2><p>Check the mute key.</p></body></html>
            """;

        var article = Read("teams.html", html);
        var chunks = new MarkdownChunker().Chunk(article);

        Assert.Equal(("Teams & audio", "collaboration"), (article.Title, article.Category));
        Assert.Equal(["teams", "audio"], article.Tags);
        Assert.Equal(["Teams & audio", "Teams & audio › No sound"], chunks.Select(c => c.SectionPath));
        Assert.Equal("Pick the headset in Settings.", chunks[0].Text);
        Assert.DoesNotContain("secret", article.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x48, 0x69, 0xC3, 0x28 }, "not valid UTF-8")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00 }, "binary content (NUL bytes)")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x20 }, "empty")]
    public void Unreadable_content_is_a_skip_reason_not_an_exception(byte[] bytes, string reason)
    {
        var result = ArticleReader.Read("bad.md", bytes);

        Assert.Null(result.Article);
        Assert.Equal(reason, result.SkipReason);
    }

    private static ParsedArticle Read(string path, string text) =>
        ArticleReader.Read(path, Encoding.UTF8.GetBytes(text)).Article ?? throw new InvalidOperationException("not read");
}
