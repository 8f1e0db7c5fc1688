using System.Text.RegularExpressions;

namespace MspSupport.Core.Tickets;

/// <summary>
/// Every rule about what a ticket may hold, in one place, used by the API, the chat tools and the stores' tests.
/// </summary>
/// <remarks>
/// Status moves (a move to the same status is a no-op and always allowed):
/// <code>
/// Open        → In Progress, Resolved, Closed
/// In Progress → Open, Resolved, Closed
/// Resolved    → Open (reopen), In Progress, Closed
/// Closed      → Open (reopen)
/// </code>
/// A closed ticket is read-only apart from being reopened; notes can still be added to resolved tickets.
/// </remarks>
public static partial class TicketRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 8_000;
    public const int NoteMaxLength = 4_000;
    public const int PersonMaxLength = 200;

    /// <summary>Sum of all notes' text on one ticket; keeps a ticket well inside DynamoDB's 400 KB item limit.</summary>
    public const int NotesTotalMaxLength = 100_000;

    public const string CustomerIdFormat = "2 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool CanMove(TicketStatus from, TicketStatus to) => from == to || (from, to) switch
    {
        (TicketStatus.Open, _) => true,
        (TicketStatus.InProgress, _) => true,
        (TicketStatus.Resolved, _) => true,
        (TicketStatus.Closed, TicketStatus.Open) => true,
        _ => false,
    };

    public static void CheckTitle(string? title, ValidationErrors errors, string field = "title")
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(field, "A title is required.");
        }
        else if (title.Trim().Length > TitleMaxLength)
        {
            errors.Add(field, $"The title can be at most {TitleMaxLength} characters (it has {title.Trim().Length}).");
        }
        else if (HasControlCharacters(title))
        {
            errors.Add(field, "The title cannot contain control characters or line breaks.");
        }
    }

    public static void CheckDescription(string? description, ValidationErrors errors, string field = "description")
    {
        if (description is not null && description.Length > DescriptionMaxLength)
        {
            errors.Add(field, $"The description can be at most {DescriptionMaxLength} characters (it has {description.Length}).");
        }
    }

    public static void CheckNote(string? text, ValidationErrors errors, string field = "note")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "A note needs some text.");
        }
        else if (text.Length > NoteMaxLength)
        {
            errors.Add(field, $"A note can be at most {NoteMaxLength} characters (it has {text.Length}).");
        }
    }

    public static bool IsCustomerId(string? value) => value is not null && CustomerIdPattern().IsMatch(value);

    public static void CheckCustomerId(string? customerId, ValidationErrors errors, string field = "customerId")
    {
        if (string.IsNullOrWhiteSpace(customerId))
        {
            errors.Add(field, "A customer id is required.");
        }
        else if (!IsCustomerId(customerId))
        {
            errors.Add(field, $"'{Shorten(customerId)}' is not a customer id: use {CustomerIdFormat}.");
        }
    }

    public static void CheckPerson(string? person, ValidationErrors errors, string field)
    {
        if (person is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(person) || person.Length > PersonMaxLength || HasControlCharacters(person))
        {
            errors.Add(field, $"Give a user id of 1 to {PersonMaxLength} characters without line breaks, or null to clear it.");
        }
    }

    public static TicketStatus? ParseStatus(string? text, ValidationErrors errors, string field = "status") =>
        Parse<TicketStatus>(text, TicketNames.TryParseStatus, TicketNames.Statuses, errors, field);

    public static TicketPriority? ParsePriority(string? text, ValidationErrors errors, string field = "priority") =>
        Parse<TicketPriority>(text, TicketNames.TryParsePriority, TicketNames.Priorities, errors, field);

    public static TicketCategory? ParseCategory(string? text, ValidationErrors errors, string field = "category") =>
        Parse<TicketCategory>(text, TicketNames.TryParseCategory, TicketNames.Categories, errors, field);

    /// <summary>Shortens user input quoted back in an error message so that a huge value does not come back whole.</summary>
    public static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 37), "...");

    private delegate bool TryParser<T>(string? text, out T value);

    private static T? Parse<T>(string? text, TryParser<T> parser, IReadOnlyList<string> names, ValidationErrors errors, string field)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        if (parser(text, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{Shorten(text)}' is not a {field}: use one of {string.Join(", ", names)}.");
        return null;
    }

    private static bool HasControlCharacters(string text) => text.Any(char.IsControl);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerIdPattern();
}
