using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class SearchTests
{
    [Fact]
    public async Task Bm25_finds_the_article_a_user_paraphrases()
    {
        using var fixture = await Ingested();

        var hits = await fixture.Search.SearchAsync("the remote access app keeps rejecting my login after I forgot it", null, 3, CancellationToken.None);

        Assert.Equal("network/vpn.md", hits[0].Citation.SourcePath);
        Assert.Equal(1, hits[0].LexicalRank);
        Assert.Null(hits[0].DenseRank);
    }

    [Fact]
    public async Task A_passage_carries_its_citation()
    {
        using var fixture = await Ingested(options => options.SourceBaseUrl = "https://kb.example.com/articles/");

        var hit = (await fixture.Search.SearchAsync("verification code phone", null, 1, CancellationToken.None))[0];

        Assert.Equal(
            new Citation("Reset a forgotten VPN password", "Reset a forgotten VPN password › Before you start", "network/vpn.md", "https://kb.example.com/articles/network/vpn.md"),
            hit.Citation);
        Assert.Equal("network/vpn.md#1", hit.ChunkId);
    }

    [Fact]
    public async Task Title_words_outrank_the_same_words_in_a_body()
    {
        using var fixture = new KnowledgeFixture();
        fixture.Source.Write("a.md", "---\ntitle: Office activation\n---\nSome text about licences and the mailbox that mentions a printer once.");
        fixture.Source.Write("b.md", "---\ntitle: Printer offline\n---\nSome text about licences and the mailbox after a restart.");
        await fixture.IngestAsync();

        var hits = await fixture.Search.SearchAsync("printer", null, 2, CancellationToken.None);

        Assert.Equal(["b.md", "a.md"], hits.Select(h => h.Citation.SourcePath));
    }

    [Fact]
    public async Task Filters_restrict_results_to_a_category_and_to_tags()
    {
        using var fixture = await Ingested();
        const string query = "password printer mailbox phone";

        var all = await fixture.Search.SearchAsync(query, null, 10, CancellationToken.None);
        var hardware = await fixture.Search.SearchAsync(query, new KnowledgeFilter { Category = "Hardware" }, 10, CancellationToken.None);
        var mobile = await fixture.Search.SearchAsync(query, new KnowledgeFilter { Tags = ["email", "MOBILE"] }, 10, CancellationToken.None);
        var none = await fixture.Search.SearchAsync(query, new KnowledgeFilter { Category = "email", Tags = ["vpn"] }, 10, CancellationToken.None);

        Assert.Equal(3, all.Select(h => h.Citation.SourcePath).Distinct().Count());
        Assert.All(hardware, h => Assert.Equal("printer.md", h.Citation.SourcePath));
        Assert.Single(hardware);
        Assert.Equal("mail.md", Assert.Single(mobile).Citation.SourcePath);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Hybrid_search_fuses_both_lists_and_applies_filters_to_the_vectors_too()
    {
        using var fixture = await Ingested(embeddings: new CountingEmbeddingGenerator());

        var hits = await fixture.Search.SearchAsync("new password portal", null, 5, CancellationToken.None);
        var filtered = await fixture.Search.SearchAsync("new password portal", new KnowledgeFilter { Category = "email" }, 5, CancellationToken.None);

        Assert.Equal("network/vpn.md", hits[0].Citation.SourcePath);
        Assert.NotNull(hits[0].LexicalRank);
        Assert.NotNull(hits[0].DenseRank);
        Assert.Equal(hits.Count, hits.Select(h => h.ChunkId).Distinct().Count());
        Assert.All(filtered, h => Assert.Equal("email", h.Category));
        Assert.Contains(filtered, h => h.DenseRank is not null);
    }

    [Fact]
    public async Task A_repeated_filter_sees_articles_added_after_its_first_use()
    {
        using var fixture = await Ingested(embeddings: new CountingEmbeddingGenerator());
        var hardware = new KnowledgeFilter { Category = "hardware" };
        var before = await fixture.Search.SearchAsync("monitor flickers", hardware, 10, CancellationToken.None);

        fixture.Source.Write("monitor.md", "---\ntitle: Monitor flickers\ncategory: hardware\n---\nReseat the display cable.");
        await fixture.IngestAsync();
        var after = await fixture.Search.SearchAsync("monitor flickers", hardware, 10, CancellationToken.None);

        Assert.DoesNotContain(before, h => h.Citation.SourcePath == "monitor.md");
        var monitor = Assert.Single(after, h => h.Citation.SourcePath == "monitor.md");
        Assert.NotNull(monitor.DenseRank);
    }

    [Fact]
    public async Task A_failing_model_at_query_time_falls_back_to_bm25()
    {
        var model = new CountingEmbeddingGenerator();
        using var fixture = await Ingested(embeddings: model);
        model.Fail = true;

        var hits = await fixture.Search.SearchAsync("printer offline", null, 3, CancellationToken.None);

        Assert.Equal("printer.md", hits[0].Citation.SourcePath);
    }

    [Fact]
    public async Task A_query_of_only_stop_words_or_symbols_returns_nothing_instead_of_failing()
    {
        using var fixture = await Ingested();

        Assert.Empty(await fixture.Search.SearchAsync("the and of", null, 5, CancellationToken.None));
        Assert.Empty(await fixture.Search.SearchAsync("\"(*:^~", null, 5, CancellationToken.None));
    }

    private static async Task<KnowledgeFixture> Ingested(Action<KnowledgeOptions>? configure = null, CountingEmbeddingGenerator? embeddings = null)
    {
        var fixture = new KnowledgeFixture(embeddings, configure);
        fixture.Source.Write("network/vpn.md", Articles.Vpn);
        fixture.Source.Write("printer.md", Articles.Printer);
        fixture.Source.Write("mail.md", Articles.Mail);
        var summary = await fixture.IngestAsync();
        Assert.Empty(summary.Skipped);
        return fixture;
    }
}
