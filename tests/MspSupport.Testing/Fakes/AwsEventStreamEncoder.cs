using System.Buffers.Binary;
using System.Text;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// Writes AWS event stream messages (application/vnd.amazon.eventstream): a prelude with total and header lengths
/// and its CRC32, string headers, the payload, and a CRC32 of the whole message, all big-endian.
/// </summary>
public static class AwsEventStreamEncoder
{
    private static readonly uint[] Table = BuildTable();

    public static byte[] Message(IReadOnlyDictionary<string, string> headers, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(payload);
        using var headerBytes = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var (name, value) in headers)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var valueBytes = Encoding.UTF8.GetBytes(value);
            headerBytes.WriteByte((byte)nameBytes.Length);
            headerBytes.Write(nameBytes);
            headerBytes.WriteByte(7); // header value type 7: string
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)valueBytes.Length);
            headerBytes.Write(length);
            headerBytes.Write(valueBytes);
        }

        var headerLength = (int)headerBytes.Length;
        var total = 12 + headerLength + payload.Length + 4;
        var message = new byte[total];
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(0, 4), total);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4, 4), headerLength);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8, 4), Crc32(message.AsSpan(0, 8)));
        headerBytes.ToArray().CopyTo(message, 12);
        payload.CopyTo(message, 12 + headerLength);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(total - 4), Crc32(message.AsSpan(0, total - 4)));
        return message;
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = (crc >> 8) ^ Table[(crc ^ b) & 0xFF];
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
