namespace MspSupport.Core.Agent;

/// <summary>What the cheap model extracts from a conversation for long-term memory.</summary>
public sealed record MemoryExtraction
{
    public IReadOnlyList<string> Facts { get; init; } = [];
    public IReadOnlyList<string> Preferences { get; init; } = [];
    public string? Summary { get; init; }
}
