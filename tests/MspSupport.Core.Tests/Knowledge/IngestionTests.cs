using System.Text;
using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class IngestionTests
{
    [Fact]
    public async Task Ingestion_reports_files_and_chunks_and_progress_per_file()
    {
        using var fixture = new KnowledgeFixture();
        fixture.Source.Write("network/vpn.md", Articles.Vpn);
        fixture.Source.Write("printer.md", Articles.Printer);
        fixture.Source.Write("notes/readme.png", "not an article");
        var reports = new List<IngestProgress>();

        var summary = await fixture.IngestAsync(new SynchronousProgress<IngestProgress>(reports.Add));

        Assert.Equal((2, 2, 4, 4), (summary.FilesSeen, summary.FilesIngested, summary.ChunksWritten, summary.ChunksInIndex));
        Assert.Empty(summary.Skipped);
        Assert.Equal([(1, 2), (2, 2)], reports.Select(r => (r.FilesDone, r.FilesTotal)));
        Assert.Equal("network/vpn.md", reports[0].CurrentFile);
    }

    [Fact]
    public async Task An_unchanged_file_is_not_chunked_or_embedded_again()
    {
        var model = new CountingEmbeddingGenerator();
        using var fixture = new KnowledgeFixture(model);
        fixture.Source.Write("vpn.md", Articles.Vpn);
        fixture.Source.Write("printer.md", Articles.Printer);
        await fixture.IngestAsync();
        var embeddedAfterFirstRun = model.Embedded;
        fixture.Reopen();

        fixture.Source.Write("printer.md", Articles.Printer + "\nIf that fails, call the service desk.");
        var summary = await fixture.IngestAsync();

        Assert.Equal(4, embeddedAfterFirstRun);
        Assert.Equal((1, 1, 1), (summary.FilesIngested, summary.FilesUnchanged, summary.ChunksEmbedded));
        Assert.Equal(5, model.Embedded);
        Assert.Contains("service desk", model.Texts[^1], StringComparison.Ordinal);
        Assert.Equal(4, fixture.Index.Vectors!.Count);
        Assert.Equal(4, summary.ChunksInIndex);
    }

    [Fact]
    public async Task A_deleted_file_leaves_both_indexes()
    {
        using var fixture = new KnowledgeFixture(new CountingEmbeddingGenerator());
        fixture.Source.Write("vpn.md", Articles.Vpn);
        fixture.Source.Write("printer.md", Articles.Printer);
        await fixture.IngestAsync();

        fixture.Source.Delete("printer.md");
        var summary = await fixture.IngestAsync();
        var hits = await fixture.Search.SearchAsync("printer offline", null, 10, CancellationToken.None);

        Assert.Equal((1, 3), (summary.FilesRemoved, summary.ChunksInIndex));
        Assert.DoesNotContain(hits, h => h.Citation.SourcePath == "printer.md");
        Assert.False(fixture.Index.Vectors!.Contains("printer.md#0"));
        Assert.Equal(3, fixture.Index.Vectors.Count);
    }

    [Fact]
    public async Task Bad_files_are_skipped_by_name_and_the_rest_ingests()
    {
        using var fixture = new KnowledgeFixture();
        fixture.Source.Write("vpn.md", Articles.Vpn);
        fixture.Source.Write("empty.md", "");
        fixture.Source.WriteBytes("latin1.txt", Encoding.Latin1.GetBytes("Caf\u00e9 opening hours"));
        fixture.Source.WriteBytes("image.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]);
        using (var huge = File.Create(Path.Combine(fixture.Source.Path, "huge.md")))
        {
            huge.SetLength(50L * 1024 * 1024);
        }

        var summary = await fixture.IngestAsync();

        Assert.Equal((5, 1, 1), (summary.FilesSeen, summary.FilesIngested, summary.ChunksInIndex > 0 ? 1 : 0));
        var reasons = summary.Skipped.ToDictionary(s => s.SourcePath, s => s.Reason);
        Assert.Equal(["empty.md", "huge.md", "image.md", "latin1.txt"], reasons.Keys.Order());
        Assert.Equal("empty", reasons["empty.md"]);
        Assert.Equal("not valid UTF-8", reasons["latin1.txt"]);
        Assert.Equal("binary content (NUL bytes)", reasons["image.md"]);
        Assert.StartsWith("larger than the 5 MB limit", reasons["huge.md"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_turns_bad_leaves_the_index()
    {
        using var fixture = new KnowledgeFixture();
        fixture.Source.Write("printer.md", Articles.Printer);
        await fixture.IngestAsync();

        fixture.Source.WriteBytes("printer.md", [0xFF, 0xFE, 0x41]);
        var summary = await fixture.IngestAsync();

        Assert.Equal("printer.md", Assert.Single(summary.Skipped).SourcePath);
        Assert.Equal(0, summary.ChunksInIndex);
    }

    [Fact]
    public async Task Articles_with_the_same_title_are_both_kept_and_cited_apart()
    {
        using var fixture = new KnowledgeFixture();
        fixture.Source.Write("windows/printer.md", Articles.Printer);
        fixture.Source.Write("mac/printer.md", Articles.Printer.Replace("Windows", "macOS", StringComparison.Ordinal));
        await fixture.IngestAsync();

        var hits = await fixture.Search.SearchAsync("printer offline", null, 10, CancellationToken.None);

        Assert.Equal(["mac/printer.md", "windows/printer.md"], hits.Select(h => h.Citation.SourcePath).Order());
        Assert.All(hits, h => Assert.Equal("Printer shows offline", h.Citation.Title));
    }

    [Fact]
    public async Task A_failing_embedding_model_reports_the_file_and_retries_it_next_run()
    {
        var model = new CountingEmbeddingGenerator { Fail = true };
        using var fixture = new KnowledgeFixture(model);
        fixture.Source.Write("vpn.md", Articles.Vpn);

        var failed = await fixture.IngestAsync();
        model.Fail = false;
        var retried = await fixture.IngestAsync();

        Assert.StartsWith("vpn.md: embedding failed", Assert.Single(failed.Errors), StringComparison.Ordinal);
        Assert.Equal((1, 3), (retried.FilesIngested, retried.ChunksEmbedded));
    }

    [Fact]
    public async Task Changing_the_chunk_size_rebuilds_every_file()
    {
        using var fixture = new KnowledgeFixture();
        fixture.Source.Write("vpn.md", Articles.Vpn);
        await fixture.IngestAsync();

        fixture.Options.ChunkChars = 600;
        var summary = await fixture.IngestAsync();

        Assert.Equal((1, 0), (summary.FilesIngested, summary.FilesUnchanged));
        Assert.Equal(3, summary.ChunksInIndex);
    }

    [Fact]
    public async Task Two_runs_started_together_on_one_index_both_finish_with_the_same_index()
    {
        using var fixture = new KnowledgeFixture();
        fixture.Source.Write("vpn.md", Articles.Vpn);
        fixture.Source.Write("printer.md", Articles.Printer);

        var runs = await Task.WhenAll(fixture.IngestAsync(), fixture.IngestAsync());

        Assert.Equal([4, 4], runs.Select(r => r.ChunksInIndex));
        // The second waits for the first, then finds nothing to do.
        Assert.Equal([0, 2], runs.Select(r => r.FilesIngested).Order());
    }

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; the test needs the reports in order before it asserts.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
