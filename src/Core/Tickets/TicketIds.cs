using System.Security.Cryptography;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Ticket ids such as <c>TKT-1KQ3M8Z-X4F7Q</c>: the creation second in Crockford base32 (so ids sort by time)
/// and 25 random bits (so instances never coordinate). A collision within one second is caught by the store's
/// conditional create and answered with a fresh id. Short enough to read out on the phone or type in chat.
/// </summary>
public static class TicketIds
{
    public const string Prefix = "TKT-";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int TimeChars = 7;
    private const int RandomChars = 5;

    /// <summary>Total length of an id: prefix, time part, dash, random part.</summary>
    public const int Length = 4 + TimeChars + 1 + RandomChars;

    public static string New(DateTimeOffset now)
    {
        Span<char> id = stackalloc char[Length];
        Prefix.AsSpan().CopyTo(id);
        var seconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds());
        for (var i = TimeChars - 1; i >= 0; i--)
        {
            id[4 + i] = Alphabet[(int)(seconds & 31)];
            seconds >>= 5;
        }

        id[4 + TimeChars] = '-';
        var random = RandomNumberGenerator.GetInt32(1 << (5 * RandomChars));
        for (var i = RandomChars - 1; i >= 0; i--)
        {
            id[4 + TimeChars + 1 + i] = Alphabet[random & 31];
            random >>= 5;
        }

        return new string(id);
    }

    /// <summary>Accepts what a person types (any case, Crockford's look-alikes O→0, I/L→1) and returns the canonical id.</summary>
    public static bool TryNormalize(string? text, out string ticketId)
    {
        ticketId = "";
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length != Length || !trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<char> id = stackalloc char[Length];
        Prefix.AsSpan().CopyTo(id);
        for (var i = 4; i < Length; i++)
        {
            var c = char.ToUpperInvariant(trimmed[i]);
            if (i == 4 + TimeChars)
            {
                if (c != '-')
                {
                    return false;
                }

                id[i] = c;
                continue;
            }

            c = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }

            id[i] = c;
        }

        ticketId = new string(id);
        return true;
    }
}
