using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Knowledge;

namespace MspSupport.Eval;

/// <summary>
/// The default verb: evaluate retrieval on a BEIR-layout folder. Dense and hybrid rows appear when
/// <c>Knowledge:Embeddings:Provider</c> is configured (environment, appsettings.json or switches).
/// </summary>
public static class EvalCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var folder = args[0];
        if (!File.Exists(Path.Combine(folder, "corpus.jsonl")))
        {
            Console.Error.WriteLine($"{folder} has no corpus.jsonl; expected a BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv).");
            return 2;
        }

        await using var services = EvalServices.Build([], args[1..]);
        KnowledgeOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        }
        catch (OptionsValidationException error)
        {
            error.Failures.ToList().ForEach(Console.Error.WriteLine);
            return 2;
        }

        var embeddings = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        var model = embeddings?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        Console.Error.WriteLine(embeddings is null
            ? "No embedding model configured (Knowledge:Embeddings:Provider=None): BM25 rows only."
            : $"Embedding model: {options.Embeddings.Provider} {model}");

        var dataset = BeirDataset.Load(folder);
        var rows = await new Evaluation(dataset, embeddings, model).RunAsync(cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}: {rows[0].Metrics.Queries} judged queries");
        Console.WriteLine(Evaluation.Table(rows));
        return 0;
    }
}
