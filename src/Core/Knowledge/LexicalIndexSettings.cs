namespace MspSupport.Core.Knowledge;

/// <summary>How the BM25 index scores: the similarity's parameters and the query-time field boosts.</summary>
public sealed record LexicalIndexSettings(float K1 = 0.9f, float B = 0.4f, float TitleBoost = 2f, float SectionBoost = 1.5f)
{
    public static LexicalIndexSettings From(KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Bm25K1, options.Bm25B, options.TitleBoost, options.SectionBoost);
    }
}
