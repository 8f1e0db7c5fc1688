namespace MspSupport.Core.Knowledge;

/// <summary>Restricts a search: a chunk must be in <see cref="Category"/> (when given) and carry every tag in <see cref="Tags"/>.</summary>
public sealed record KnowledgeFilter
{
    public static KnowledgeFilter None { get; } = new();

    public string? Category { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Category) && Tags.Count == 0;

    public bool Matches(KnowledgeChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (!string.IsNullOrWhiteSpace(Category) && !string.Equals(Category, chunk.Category, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return Tags.All(tag => chunk.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase));
    }
}
