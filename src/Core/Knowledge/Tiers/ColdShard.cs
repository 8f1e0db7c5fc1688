using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;

namespace MspSupport.Core.Knowledge.Tiers;

/// <summary>
/// One S3 object of the cold tier: a few thousand chunks with their metadata and unit-length vectors, scanned
/// exactly like the embedded vector index. Binary, so a shard of 2,000 × 1,024 floats is 8 MB rather than 25 MB of JSON.
/// </summary>
public sealed class ColdShard
{
    private static ReadOnlySpan<byte> Magic => "MSPS"u8;
    private const int FormatVersion = 1;

    private readonly float[] _vectors;

    public ColdShard(string modelId, int dimensions, IReadOnlyList<KnowledgeChunk> chunks, float[] vectors)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Length != chunks.Count * dimensions)
        {
            throw new ArgumentException($"Expected {chunks.Count * dimensions} floats for {chunks.Count} chunks of {dimensions} dimensions.", nameof(vectors));
        }

        ModelId = modelId;
        Dimensions = dimensions;
        Chunks = chunks;
        _vectors = vectors;
        for (var row = 0; row < chunks.Count; row++)
        {
            var vector = _vectors.AsSpan(row * dimensions, dimensions);
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
        }
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    public IReadOnlyList<KnowledgeChunk> Chunks { get; }

    public IReadOnlyList<ScoredChunk> Search(ReadOnlySpan<float> unitQuery, KnowledgeFilter filter, int top)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var best = new PriorityQueue<int, float>(top + 1);
        for (var row = 0; row < Chunks.Count; row++)
        {
            if (!filter.IsEmpty && !filter.Matches(Chunks[row]))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(_vectors.AsSpan(row * Dimensions, Dimensions), unitQuery);
            if (best.Count < top)
            {
                best.Enqueue(row, score);
            }
            else if (best.TryPeek(out _, out var worst) && score > worst)
            {
                best.EnqueueDequeue(row, score);
            }
        }

        var hits = new ScoredChunk[best.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var row, out var score);
            hits[i] = new ScoredChunk(Chunks[row], score);
        }

        return hits;
    }

    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ModelId);
        writer.Write(Dimensions);
        writer.Write(Chunks.Count);
        foreach (var chunk in Chunks)
        {
            writer.Write(chunk.Id);
            writer.Write(chunk.SourcePath);
            writer.Write(chunk.Title);
            writer.Write(chunk.SectionPath);
            writer.Write(chunk.Category ?? string.Empty);
            writer.Write(chunk.Tags.Count);
            foreach (var tag in chunk.Tags)
            {
                writer.Write(tag);
            }

            writer.Write(chunk.Text);
            writer.Write(chunk.Ordinal);
        }

        writer.Write(MemoryMarshal.AsBytes(_vectors.AsSpan()));
    }

    public static ColdShard ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        if (!magic.SequenceEqual(Magic) || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Not a knowledge shard of this version.");
        }

        var modelId = reader.ReadString();
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        var chunks = new KnowledgeChunk[count];
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadString();
            var source = reader.ReadString();
            var title = reader.ReadString();
            var section = reader.ReadString();
            var category = reader.ReadString();
            var tags = new string[reader.ReadInt32()];
            for (var t = 0; t < tags.Length; t++)
            {
                tags[t] = reader.ReadString();
            }

            chunks[i] = new KnowledgeChunk(id, source, title, section, category.Length == 0 ? null : category, tags, reader.ReadString(), reader.ReadInt32());
        }

        var vectors = new float[count * dimensions];
        stream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        return new ColdShard(modelId, dimensions, chunks, vectors);
    }
}
