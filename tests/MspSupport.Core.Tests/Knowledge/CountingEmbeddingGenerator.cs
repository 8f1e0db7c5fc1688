using Microsoft.Extensions.AI;

namespace MspSupport.Core.Tests.Knowledge;

/// <summary>
/// A deterministic embedding model for tests: each lower-cased word is hashed into one of 64 dimensions, so
/// texts sharing words point the same way. Counts every text it embeds, which is what incremental ingestion
/// tests need to see.
/// </summary>
public sealed class CountingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 64;

    private readonly EmbeddingGeneratorMetadata _metadata = new("counting", null, "hash-64", Dimensions);
    private int _embedded;

    public int Embedded => _embedded;

    public List<string> Texts { get; } = [];

    public bool Fail { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new HttpRequestException("model unavailable");
        }

        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            Interlocked.Increment(ref _embedded);
            lock (Texts)
            {
                Texts.Add(value);
            }

            result.Add(new Embedding<float>(Embed(value)));
        }

        return Task.FromResult(result);
    }

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split((char[])[' ', '\n', '.', ',', '?', '!', ':', '›', '#'], StringSplitOptions.RemoveEmptyEntries))
        {
            // FNV-1a: stable across processes, unlike string.GetHashCode.
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % Dimensions] += 1;
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

    public void Dispose()
    {
    }
}
