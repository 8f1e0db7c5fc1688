namespace MspSupport.Core.Knowledge;

/// <summary>Either a parsed article or the reason the file was skipped; a bad file is an expected outcome, not an exception.</summary>
public sealed record ArticleReadResult(ParsedArticle? Article, string? SkipReason)
{
    public static ArticleReadResult Skip(string reason) => new(null, reason);

    public static ArticleReadResult Ok(ParsedArticle article) => new(article, null);
}
