using Microsoft.Extensions.AI;

namespace MspSupport.Eval;

/// <summary>Answers query texts already embedded for the dense run from memory, so hybrid does not pay for them twice.</summary>
public sealed class CachedQueryEmbeddings(IEmbeddingGenerator<string, Embedding<float>> inner, IReadOnlyDictionary<string, ReadOnlyMemory<float>> cache)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        if (texts.All(cache.ContainsKey))
        {
            return [.. texts.Select(text => new Embedding<float>(cache[text]))];
        }

        return await base.GenerateAsync(texts, options, cancellationToken);
    }
}
