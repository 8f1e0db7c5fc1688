using System.Text.Json;

namespace MspSupport.Eval;

/// <summary>A data set in the BEIR layout: <c>corpus.jsonl</c>, <c>queries.jsonl</c>, <c>qrels/test.tsv</c>.</summary>
public sealed record BeirDataset(
    IReadOnlyList<BeirDocument> Corpus,
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels)
{
    public static BeirDataset Load(string folder)
    {
        var corpus = ReadJsonLines(Path.Combine(folder, "corpus.jsonl"))
            .Select(o => new BeirDocument(Text(o, "_id"), Text(o, "title"), Text(o, "text")))
            .ToArray();
        var queries = ReadJsonLines(Path.Combine(folder, "queries.jsonl"))
            .ToDictionary(o => Text(o, "_id"), o => Text(o, "text"), StringComparer.Ordinal);
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "qrels", "test.tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || !queries.ContainsKey(parts[0]))
            {
                continue;
            }

            if (!qrels.TryGetValue(parts[0], out var judged))
            {
                qrels[parts[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            judged[parts[1]] = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        }

        return new BeirDataset(corpus, queries, qrels.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal));
    }

    private static IEnumerable<JsonElement> ReadJsonLines(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement.Clone());

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
