using System.Text;

namespace MspSupport.Bench;

/// <summary>
/// Support-article-like text from a fixed seed. Words are drawn by rank from a Zipf (s = 1) law, the shape of
/// natural-language frequencies. <see cref="SyntheticTextShape.ContentWords"/> drops the first 100 ranks, as
/// EnglishAnalyzer's stop words and real prose leave the commonest content words in a minority of chunks.
/// <see cref="SyntheticTextShape.StopwordHeavy"/> keeps them, so three dozen support words appear in nearly
/// every chunk and almost every query matches almost every chunk: a worst case for BM25.
/// </summary>
public sealed class SyntheticText(int seed, SyntheticTextShape shape = SyntheticTextShape.ContentWords)
{
    private const int SkippedRanks = 100;

    private static readonly string[] Common =
    [
        "password", "reset", "vpn", "printer", "offline", "email", "outlook", "mailbox", "teams", "audio", "laptop", "windows",
        "update", "install", "license", "account", "locked", "network", "wifi", "drive", "share", "backup", "restore", "phone",
        "mfa", "login", "error", "slow", "disk", "space", "calendar", "meeting", "camera", "driver", "browser", "certificate",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _vocabulary = BuildVocabulary(shape == SyntheticTextShape.ContentWords ? 30_000 : 5_000);

    public string Words(int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            builder.Append(Word()).Append(i % 12 == 11 ? ". " : " ");
        }

        return builder.ToString().TrimEnd();
    }

    public string Word()
    {
        // Log-uniform rank = Zipf with s = 1: rank r comes up with probability proportional to 1 / r.
        var skip = shape == SyntheticTextShape.ContentWords ? SkippedRanks : 0;
        while (true)
        {
            var rank = (int)Math.Pow(_vocabulary.Length + skip, _random.NextDouble()) - 1;
            if (rank >= skip && rank - skip < _vocabulary.Length)
            {
                return _vocabulary[rank - skip];
            }
        }
    }

    private static string[] BuildVocabulary(int size)
    {
        // Made-up words spelled from syllables (the index in base 14), so every one is distinct and none is an English stop word.
        var syllables = new[] { "ka", "lo", "mi", "ter", "son", "vel", "dra", "pin", "qua", "rex", "sul", "tor", "ub", "zen" };
        var words = new List<string>(Common);
        for (var i = 0; words.Count < size; i++)
        {
            var word = string.Empty;
            for (int n = i + (14 * 14), digits = 0; digits < 4 || n > 0; n /= 14, digits++)
            {
                word += syllables[n % 14];
            }

            words.Add(word);
        }

        return [.. words];
    }
}
