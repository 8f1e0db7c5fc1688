using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;

namespace MspSupport.Core.Knowledge;

/// <summary>
/// Exact cosine search over unit-length float vectors kept in one contiguous array: a SIMD dot product per
/// row (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>) and a small heap for
/// the top k. A knowledge base of tens of thousands of chunks scans in milliseconds, so an approximate index
/// would add recall loss and tuning for no gain here.
/// </summary>
public sealed class VectorIndex : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "MSPV"u8;
    private const int FormatVersion = 1;

    private readonly ReaderWriterLockSlim _gate = new();
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private float[] _data;

    public VectorIndex(int dimensions, string modelId, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentNullException.ThrowIfNull(modelId);
        Dimensions = dimensions;
        ModelId = modelId;
        _data = new float[(int)Math.Min((long)dimensions * Math.Max(capacity, 16), Array.MaxLength)];
    }

    public int Dimensions { get; }

    /// <summary>The embedding model the vectors came from; vectors of two models cannot be compared.</summary>
    public string ModelId { get; }

    public int Count
    {
        get
        {
            _gate.EnterReadLock();
            try
            {
                return _ids.Count;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    public bool Contains(string id)
    {
        _gate.EnterReadLock();
        try
        {
            return _rows.ContainsKey(id);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Adds or replaces a vector; it is stored normalised so a dot product is the cosine.</summary>
    public void Upsert(string id, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} dimensions; this index holds {Dimensions}.", nameof(vector));
        }

        _gate.EnterWriteLock();
        try
        {
            if (!_rows.TryGetValue(id, out var row))
            {
                row = _ids.Count;
                EnsureCapacity(row + 1);
                _ids.Add(id);
                _rows[id] = row;
            }

            var target = Row(row);
            Normalize(vector, target);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public void Remove(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _gate.EnterWriteLock();
        try
        {
            foreach (var id in ids)
            {
                if (!_rows.Remove(id, out var row))
                {
                    continue;
                }

                // Move the last row into the hole so the rows stay contiguous for the scan.
                var last = _ids.Count - 1;
                if (row != last)
                {
                    Row(last).CopyTo(Row(row));
                    _ids[row] = _ids[last];
                    _rows[_ids[row]] = row;
                }

                _ids.RemoveAt(last);
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <param name="allow">When given, only ids it accepts are scored (category and tag filters).</param>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int top, Func<string, bool>? allow = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; this index holds {Dimensions}.", nameof(query));
        }

        var unit = new float[Dimensions];
        Normalize(query, unit);
        var best = new PriorityQueue<int, float>(top + 1);
        _gate.EnterReadLock();
        try
        {
            for (var row = 0; row < _ids.Count; row++)
            {
                if (allow is not null && !allow(_ids[row]))
                {
                    continue;
                }

                var score = TensorPrimitives.Dot(Row(row), unit);
                if (best.Count < top)
                {
                    best.Enqueue(row, score);
                }
                else if (best.TryPeek(out _, out var worst) && score > worst)
                {
                    best.EnqueueDequeue(row, score);
                }
            }

            var hits = new VectorHit[best.Count];
            for (var i = hits.Length - 1; i >= 0; i--)
            {
                best.TryDequeue(out var row, out var score);
                hits[i] = new VectorHit(_ids[row], score);
            }

            return hits;
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Writes the index to a temporary file and moves it over <paramref name="path"/>, so a crash never leaves half a file.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = path + ".tmp";
        _gate.EnterReadLock();
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(Dimensions);
                writer.Write(_ids.Count);
                writer.Write(ModelId);
                foreach (var id in _ids)
                {
                    writer.Write(id);
                }

                writer.Write(MemoryMarshal.AsBytes(_data.AsSpan(0, _ids.Count * Dimensions)));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Reads a file written by <see cref="Save"/>; null when there is none yet.</summary>
    public static VectorIndex? Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        Span<byte> magic = stackalloc byte[4];
        reader.BaseStream.ReadExactly(magic);
        if (!magic.SequenceEqual(Magic) || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{path} is not a vector index file of this version.");
        }

        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        var index = new VectorIndex(dimensions, reader.ReadString(), count);
        for (var row = 0; row < count; row++)
        {
            var id = reader.ReadString();
            index._ids.Add(id);
            index._rows[id] = row;
        }

        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(index._data.AsSpan(0, count * dimensions)));
        return index;
    }

    public void Dispose() => _gate.Dispose();

    private Span<float> Row(int row) => _data.AsSpan(row * Dimensions, Dimensions);

    private void EnsureCapacity(int rows)
    {
        var needed = (long)rows * Dimensions;
        if (needed <= _data.Length)
        {
            return;
        }

        var grown = Math.Min(Math.Max(needed, (long)_data.Length * 2), Array.MaxLength);
        if (grown < needed)
        {
            throw new InvalidOperationException("The vector index is full; it holds at most about two billion floats.");
        }

        Array.Resize(ref _data, (int)grown);
    }

    private static void Normalize(ReadOnlySpan<float> vector, Span<float> target)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm == 0 || !float.IsFinite(norm))
        {
            target.Clear();
            return;
        }

        TensorPrimitives.Divide(vector, norm, target);
    }
}
