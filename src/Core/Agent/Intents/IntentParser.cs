using System.Text.RegularExpressions;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Agent.Intents;

/// <summary>
/// Tier 0: recognises the requests that need no model, with patterns written the way people type in chat.
/// Anything it does not recognise goes to the router's model tiers (or the extractive answer).
/// </summary>
public static partial class IntentParser
{
    private const string Ref = @"(?:(?:ticket\s+)?(?<id>TKT-[0-9A-Za-z]{7}-[0-9A-Za-z]{5})|it|that|this|(?:that|this|the|my)\s+(?:ticket|one|case))";

    public static Intent? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2_000)
        {
            return null;
        }

        var t = text.Trim();
        return Greeting().IsMatch(t) ? new Intent(IntentKind.Greeting)
            : Help().IsMatch(t) ? new Intent(IntentKind.Help)
            : Escalate().IsMatch(t) ? new Intent(IntentKind.Escalate)
            : Memory(t) ?? Tickets(t);
    }

    private static Intent? Memory(string t)
    {
        if (ForgetMe().IsMatch(t))
        {
            return new Intent(IntentKind.ForgetMe);
        }

        if (Recall().IsMatch(t))
        {
            return new Intent(IntentKind.Recall);
        }

        var remember = Remember().Match(t);
        return remember.Success ? new Intent(IntentKind.Remember) { Text = remember.Groups["x"].Value.Trim().TrimEnd('.') } : null;
    }

    private static Intent? Tickets(string t)
    {
        Match m;
        // "create a ticket for X and assign it to Y and notify Z" is several steps: a model with tools does that better.
        if ((m = Create().Match(t)).Success && !FollowUpSteps().IsMatch(m.Groups["x"].Value))
        {
            return new Intent(IntentKind.CreateTicket) { Text = m.Groups["x"].Success ? m.Groups["x"].Value.Trim() : null };
        }

        if ((m = AddNote().Match(t)).Success)
        {
            return WithId(new Intent(IntentKind.AddNote) { Text = m.Groups["text"].Value.Trim() }, m);
        }

        if (AddThat().IsMatch(t))
        {
            return new Intent(IntentKind.AddThatToTicket);
        }

        if ((m = Priority().Match(t)).Success || (m = PriorityShort().Match(t)).Success)
        {
            return WithId(new Intent(IntentKind.SetPriority) { Priority = ParsePriority(m.Groups["p"].Value) }, m);
        }

        if ((m = Reopen().Match(t)).Success)
        {
            return WithId(new Intent(IntentKind.ReopenTicket), m);
        }

        if ((m = Close().Match(t)).Success)
        {
            return WithId(new Intent(IntentKind.CloseTicket), m);
        }

        if ((m = AssignToMe().Match(t)).Success)
        {
            return WithId(new Intent(IntentKind.AssignToMe), m);
        }

        if (OtherOne().IsMatch(t))
        {
            return new Intent(IntentKind.OtherTicket);
        }

        if ((m = List().Match(t)).Success)
        {
            return new Intent(IntentKind.ListTickets) { OpenOnly = m.Groups["open"].Success };
        }

        if ((m = Status().Match(t)).Success || (m = BareId().Match(t)).Success)
        {
            return WithId(new Intent(IntentKind.TicketStatus), m);
        }

        return null;
    }

    private static Intent WithId(Intent intent, Match m) =>
        m.Groups["id"].Success && TicketIds.TryNormalize(m.Groups["id"].Value, out var id) ? intent with { TicketId = id } : intent;

    private static TicketPriority ParsePriority(string text) => text.ToUpperInvariant() switch
    {
        "URGENT" or "CRITICAL" or "P1" => TicketPriority.Critical,
        "HIGH" or "P2" => TicketPriority.High,
        "LOW" or "P4" => TicketPriority.Low,
        _ => TicketPriority.Medium,
    };

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"^(hi|hello|hey|hiya|howdy|yo|good\s+(morning|afternoon|evening)|greetings)(\s+(there|team|all|bot|assistant|again))?[\s!.,:)]*$", Options)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(help|\?|menu|commands|what\s+can\s+you\s+do|how\s+does\s+this\s+work|what\s+do\s+you\s+do)[\s!.?]*$", Options)]
    private static partial Regex Help();

    [GeneratedRegex(@"^(please\s+|can\s+i\s+|could\s+i\s+|let\s+me\s+|i\s+(want|need|would\s+like|'?d\s+like)\s+to\s+)?(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|the\s+)?(real\s+|actual\s+|live\s+)?(human|person|technician|tech|engineer|agent|someone|somebody|support\s+person)(\s+please)?[\s.!?]*$|^(i\s+)?(need|want)\s+(a\s+|an\s+|to\s+reach\s+a\s+)?(real\s+|actual\s+|live\s+)?(human|person|technician|tech)(\s+please)?[\s.!?]*$|^(get|give)\s+me\s+(a\s+)?(real\s+)?(human|person|technician)[\s.!?]*$|^(escalate(\s+(this|it|me))?|human|agent|technician|operator)(\s+please)?[\s.!?]*$", Options)]
    private static partial Regex Escalate();

    [GeneratedRegex(@"^(please\s+)?forget\s+(me|everything(\s+about\s+me)?|all\s+about\s+me|what\s+you\s+know\s+about\s+me)[\s!.]*$", Options)]
    private static partial Regex ForgetMe();

    [GeneratedRegex(@"^what\s+do\s+you\s+(remember|know)\s+about\s+me[\s?!.]*$", Options)]
    private static partial Regex Recall();

    [GeneratedRegex(@"^(please\s+)?(remember|note)\s+(that\s+)?(?<x>.{3,})$", Options)]
    private static partial Regex Remember();

    [GeneratedRegex(@"^(please\s+|can\s+you\s+|could\s+you\s+|i\s+(want|need)\s+to\s+|i'?d\s+like\s+to\s+)?(create|open|raise|file|log|submit|make|start)\s+(me\s+)?(a\s+|an\s+)?(new\s+)?(support\s+)?(ticket|case|incident|request)(\s*(for|about|regarding|re:?|because|:|-)\s*(?<x>.+?))?[\s.!?]*$", Options)]
    private static partial Regex Create();

    [GeneratedRegex(@"\b(and|then)\s+(assign|notify|email|tell|escalate|close|set|add|call)\b", Options)]
    private static partial Regex FollowUpSteps();

    [GeneratedRegex(@"^(please\s+)?add\s+(a\s+)?(note|comment)\s+(to|on)\s+" + Ref + @"\s*[:\-]\s*(?<text>.+)$", Options | RegexOptions.Singleline)]
    private static partial Regex AddNote();

    [GeneratedRegex(@"^(please\s+)?add\s+(that|this|it|the\s+answer)\s+to\s+(the|my|that|this)\s+ticket[\s.!]*$", Options)]
    private static partial Regex AddThat();

    [GeneratedRegex(@"^(please\s+)?(set|change|make|raise|lower|bump|update)\s+(the\s+)?priority\s+(of|on|for)\s+" + Ref + @"\s+to\s+(?<p>low|medium|high|critical|urgent|p[1-4])[\s.!]*$", Options)]
    private static partial Regex Priority();

    [GeneratedRegex(@"^(please\s+)?(set|make|mark|change)\s+" + Ref + @"\s+(to\s+|as\s+)?(?<p>low|medium|high|critical|urgent|p[1-4])(\s+priority)?[\s.!]*$", Options)]
    private static partial Regex PriorityShort();

    [GeneratedRegex(@"^(please\s+|can\s+you\s+)?re-?open\s+" + Ref + @"[\s.!?]*$", Options)]
    private static partial Regex Reopen();

    [GeneratedRegex(@"^(please\s+|can\s+you\s+|you\s+can\s+)?(close|resolve)\s+" + Ref + @"(\s+(now|please|as\s+fixed))?[\s.!?]*$", Options)]
    private static partial Regex Close();

    [GeneratedRegex(@"^(please\s+)?((assign|give)\s+" + Ref + @"\s+to\s+me|(take|grab)\s+" + Ref + @"|assign\s+me\s+(to\s+)?" + Ref + @")[\s.!]*$", Options)]
    private static partial Regex AssignToMe();

    [GeneratedRegex(@"^(and\s+|what\s+about\s+|how\s+about\s+)(the\s+)?other\s+(one|ticket)[\s?!.]*$", Options)]
    private static partial Regex OtherOne();

    [GeneratedRegex(@"^(please\s+)?(list|show|view|see|display)(\s+me)?(\s+all)?(\s+of)?(\s+my|\s+the)?(\s+(?<open>open|active|current))?\s+tickets[\s?!.]*$|^(what\s+are\s+)?my(\s+(?<open>open|active|current))?\s+tickets[\s?!.]*$|^(list|show)\s+(?<open>open)\s+tickets[\s?!.]*$", Options)]
    private static partial Regex List();

    [GeneratedRegex(@"^((what'?s|what\s+is)\s+the\s+)?(status|progress)\s+(of|on|for)\s+" + Ref + @"[\s?!.]*$|^(show(\s+me)?|check|open|get|look\s+up)\s+(ticket\s+)?(?<id>TKT-[0-9A-Za-z]{7}-[0-9A-Za-z]{5})[\s?!.]*$|^(any\s+)?(update|news)s?\s+on\s+" + Ref + @"[\s?!.]*$", Options)]
    private static partial Regex Status();

    [GeneratedRegex(@"^(ticket\s+)?(?<id>TKT-[0-9A-Za-z]{7}-[0-9A-Za-z]{5})\s*\??$", Options)]
    private static partial Regex BareId();
}
