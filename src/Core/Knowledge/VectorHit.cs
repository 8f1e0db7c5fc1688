namespace MspSupport.Core.Knowledge;

/// <summary>A row of the vector index and its cosine similarity to the query.</summary>
public sealed record VectorHit(string Id, float Score);
