using System.Diagnostics.CodeAnalysis;

namespace MspSupport.Core.Tickets;

/// <summary>
/// The one place where ticket enums meet text: canonical names on output ("In Progress", "High", "api"),
/// forgiving parsing on input (any case; spaces, dashes or underscores between words).
/// </summary>
public static class TicketNames
{
    private static readonly string[] StatusNames = ["Open", "In Progress", "Resolved", "Closed"];
    private static readonly string[] PriorityNames = ["Low", "Medium", "High", "Critical"];
    private static readonly string[] CategoryNames = ["Network", "Hardware", "Software", "Security", "General"];
    private static readonly string[] SourceNames = ["api", "teams", "slack", "web"];

    public static IReadOnlyList<string> Statuses => StatusNames;
    public static IReadOnlyList<string> Priorities => PriorityNames;
    public static IReadOnlyList<string> Categories => CategoryNames;
    public static IReadOnlyList<string> Sources => SourceNames;

    public static string Name(this TicketStatus value) => StatusNames[(int)value];
    public static string Name(this TicketPriority value) => PriorityNames[(int)value];
    public static string Name(this TicketCategory value) => CategoryNames[(int)value];
    public static string Name(this TicketSource value) => SourceNames[(int)value];

    public static bool TryParseStatus(string? text, out TicketStatus value) => TryParse(text, StatusNames, out value);
    public static bool TryParsePriority(string? text, out TicketPriority value) => TryParse(text, PriorityNames, out value);
    public static bool TryParseCategory(string? text, out TicketCategory value) => TryParse(text, CategoryNames, out value);
    public static bool TryParseSource(string? text, out TicketSource value) => TryParse(text, SourceNames, out value);

    private static bool TryParse<T>(string? text, string[] names, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var wanted = Squash(text);
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(Squash(names[i]), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = FromIndex(i);
                return true;
            }
        }

        return false;

        static T FromIndex(int i) => (T)Enum.ToObject(typeof(T), i);
    }

    [return: NotNullIfNotNull(nameof(text))]
    private static string? Squash(string? text) =>
        text is null ? null : string.Concat(text.Where(c => c is not (' ' or '-' or '_')));
}
