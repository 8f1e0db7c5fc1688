namespace MspSupport.Eval;

/// <summary>The default verb: evaluate retrieval on a BEIR-layout folder.</summary>
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

        var dataset = BeirDataset.Load(folder);
        var evaluation = new Evaluation(dataset, null, null);
        var rows = await evaluation.RunAsync(cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}: {rows[0].Metrics.Queries} judged queries");
        Console.WriteLine(Evaluation.Table(rows));
        return 0;
    }
}
