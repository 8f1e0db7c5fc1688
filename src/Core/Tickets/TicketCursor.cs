using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Where a listing stopped. A store that reads one ordered sequence keeps one position under the key "";
/// a store that merges several (DynamoDB merging the status partitions) keeps one per partition, and
/// <see cref="Exhausted"/> for a partition it has read to the end. On the wire it is opaque: base64url of JSON,
/// bound to the query's filters so that a cursor cannot be replayed against another query.
/// </summary>
public sealed record TicketCursor
{
    public const string WholeList = "";

    /// <summary>Position meaning "this partition has nothing left".</summary>
    public static readonly TicketCursorPosition Exhausted = new(DateTimeOffset.MinValue, "");

    public required IReadOnlyDictionary<string, TicketCursorPosition> Positions { get; init; }

    public static TicketCursor At(Ticket last) =>
        new() { Positions = new Dictionary<string, TicketCursorPosition> { [WholeList] = TicketCursorPosition.Of(last) } };

    public string Encode(string queryKey)
    {
        var wire = new CursorWire(queryKey, Positions.ToDictionary(
            p => p.Key,
            p => p.Value == Exhausted ? null : new CursorWirePosition(p.Value.CreatedAt, p.Value.TicketId)));
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(wire, CursorJsonContext.Default.CursorWire));
    }

    /// <summary>Reads a cursor made by <see cref="Encode"/> for the same query; false for anything else.</summary>
    public static bool TryDecode(string text, string queryKey, out TicketCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 2048)
        {
            return false;
        }

        CursorWire? wire;
        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            wire = JsonSerializer.Deserialize(bytes, CursorJsonContext.Default.CursorWire);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }

        if (wire?.Positions is null || wire.Query != queryKey || wire.Positions.Count is 0 or > 8)
        {
            return false;
        }

        var positions = new Dictionary<string, TicketCursorPosition>(StringComparer.Ordinal);
        foreach (var (partition, position) in wire.Positions)
        {
            if (position is null)
            {
                positions[partition] = Exhausted;
                continue;
            }

            if (!TicketIds.TryNormalize(position.Id, out var id) || id != position.Id)
            {
                return false;
            }

            positions[partition] = new TicketCursorPosition(position.At, id);
        }

        cursor = new TicketCursor { Positions = positions };
        return true;
    }

    internal sealed record CursorWire(
        [property: JsonPropertyName("q")] string Query,
        [property: JsonPropertyName("p")] Dictionary<string, CursorWirePosition?> Positions);

    internal sealed record CursorWirePosition(
        [property: JsonPropertyName("c")] DateTimeOffset At,
        [property: JsonPropertyName("i")] string Id);
}

[JsonSerializable(typeof(TicketCursor.CursorWire))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
internal sealed partial class CursorJsonContext : JsonSerializerContext;
