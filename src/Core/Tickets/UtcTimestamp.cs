using System.Globalization;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Ticket times on the wire and in the stores: ISO 8601 in UTC with milliseconds ("2026-11-25T18:48:44.123Z").
/// Fixed width, so the text sorts the same way as the time (the stores' indexes rely on that).
/// </summary>
public static class UtcTimestamp
{
    public const string Format = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Our own format first (the stores hold nothing else, and the exact parse is several times cheaper); any ISO 8601 time otherwise.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value) ||
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>Drops sub-millisecond precision so that a time survives a round trip through its text.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
