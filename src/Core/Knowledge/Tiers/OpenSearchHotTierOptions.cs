namespace MspSupport.Core.Knowledge.Tiers;

/// <summary><c>Knowledge:Hot</c>: the OpenSearch Serverless (or OpenSearch) collection of the hot tier.</summary>
public sealed class OpenSearchHotTierOptions
{
    public const string Section = "Knowledge:Hot";

    /// <summary>The collection endpoint, e.g. <c>https://abc123.eu-west-1.aoss.amazonaws.com</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Region for SigV4; requests are unsigned when empty (a local OpenSearch).</summary>
    public string? Region { get; set; }

    /// <summary>SigV4 service name: <c>aoss</c> for Serverless, <c>es</c> for a managed domain.</summary>
    public string SigningService { get; set; } = "aoss";

    public string IndexName { get; set; } = "knowledge";

    public int Dimensions { get; set; } = 1024;

    /// <summary>k-NN engine of the hnsw method; faiss, lucene or nmslib, whichever the collection's version offers with cosinesimil.</summary>
    public string Engine { get; set; } = "faiss";

    /// <summary>Documents per <c>_bulk</c> request; 1,024-float documents are about 10 KB each.</summary>
    public int BulkSize { get; set; } = 200;
}
