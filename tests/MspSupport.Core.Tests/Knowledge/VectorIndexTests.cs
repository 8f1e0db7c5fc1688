using MspSupport.Core.Knowledge;

namespace MspSupport.Core.Tests.Knowledge;

public sealed class VectorIndexTests
{
    [Fact]
    public void Search_returns_exactly_what_a_naive_cosine_loop_returns()
    {
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 2000).Select(_ => RandomVector(random, 96)).ToArray();
        using var index = new VectorIndex(96, "test");
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Upsert($"v{i}", vectors[i]);
        }

        for (var q = 0; q < 20; q++)
        {
            var query = RandomVector(random, 96);
            var expected = vectors
                .Select((v, i) => (Id: $"v{i}", Score: Cosine(query, v)))
                .OrderByDescending(x => x.Score)
                .Take(10)
                .ToArray();

            var actual = index.Search(query, 10);

            Assert.Equal(expected.Select(x => x.Id), actual.Select(x => x.Id));
            Assert.All(actual.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5));
        }
    }

    [Fact]
    public void A_saved_index_loads_with_the_same_rows_and_results()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "vectors.bin");
        var random = new Random(3);
        using var index = new VectorIndex(32, "model-a");
        for (var i = 0; i < 100; i++)
        {
            index.Upsert($"c{i}", RandomVector(random, 32));
        }

        var query = RandomVector(random, 32);
        index.Save(path);
        using var loaded = VectorIndex.Load(path)!;

        Assert.Equal((32, "model-a", 100), (loaded.Dimensions, loaded.ModelId, loaded.Count));
        Assert.Equal(index.Search(query, 5), loaded.Search(query, 5));
    }

    [Fact]
    public void Removing_rows_keeps_the_others_findable_and_upsert_replaces()
    {
        using var index = new VectorIndex(3, "m");
        index.Upsert("x", [1, 0, 0]);
        index.Upsert("y", [0, 1, 0]);
        index.Upsert("z", [0, 0, 1]);

        index.Remove(["x"]);
        index.Upsert("y", [0, 0, 5]);

        Assert.Equal(2, index.Count);
        Assert.Equal(["y", "z"], index.Search([0, 0, 1], 5).Select(h => h.Id).Order());
        Assert.Equal(1f, index.Search([0, 0, 1], 1)[0].Score, 1e-6);
        Assert.Equal("z", index.Search([0, 0, 1], 5, id => id != "y").Single().Id);
    }

    private static float[] RandomVector(Random random, int dimensions) =>
        Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static float Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return (float)(dot / Math.Sqrt(na * nb));
    }
}
