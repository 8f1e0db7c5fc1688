namespace MspSupport.Core.Knowledge;

/// <summary>
/// Where the knowledge base comes from, where its index lives and how it is chunked and searched.
/// Bound from the <c>Knowledge</c> section; checked at start-up by <see cref="KnowledgeOptionsValidator"/>.
/// </summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The folder of articles (Markdown, HTML, plain text) that ingestion reads.</summary>
    public string SourcePath { get; set; } = "knowledge";

    /// <summary>The folder holding the Lucene index, the vector file and the ingestion manifest.</summary>
    public string IndexPath { get; set; } = "data/knowledge";

    /// <summary>Files larger than this are reported and skipped; a knowledge article is never this big.</summary>
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Upper bound of a chunk's text, in characters.</summary>
    public int ChunkChars { get; set; } = 1200;

    /// <summary>How many characters of the previous chunk the next one repeats, so a sentence cut at a boundary stays findable.</summary>
    public int ChunkOverlapChars { get; set; } = 200;

    /// <summary>When set, citations link to <c>{SourceBaseUrl}/{relative path}</c>; otherwise to the relative path.</summary>
    public string? SourceBaseUrl { get; set; }

    /// <summary>BM25 term-frequency saturation.</summary>
    public float Bm25K1 { get; set; } = 0.9f;

    /// <summary>BM25 length normalisation.</summary>
    public float Bm25B { get; set; } = 0.4f;

    /// <summary>Query-time boost of the title field over the body.</summary>
    public float TitleBoost { get; set; } = 2.0f;

    /// <summary>Query-time boost of the section-heading field over the body.</summary>
    public float SectionBoost { get; set; } = 1.5f;

    /// <summary>How many candidates each ranker hands to the fusion step.</summary>
    public int FusionCandidates { get; set; } = 50;

    public EmbeddingOptions Embeddings { get; set; } = new();
}
