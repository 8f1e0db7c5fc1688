using System.Text.Json;
using MspSupport.Core.Memory;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Agent;

/// <summary>
/// The agent's view of a conversation's state dictionary: which tickets were mentioned last (so "close it" and
/// "the other one" resolve), the last question and answer, and a change waiting for the user's confirmation.
/// </summary>
public sealed class ConversationState
{
    private const string LastTicketKey = "lastTicket";
    private const string PreviousTicketKey = "previousTicket";
    private const string LastAnswerKey = "lastAnswer";
    private const string LastQuestionKey = "lastQuestion";
    private const string PendingKey = "pending";
    private const string PendingFilesKey = "pendingFiles";
    private const string NotHelpfulKey = "notHelpful";
    private const string CostKey = "estimatedCost";
    private const int MaxKeptTextLength = 4_000;

    private readonly Dictionary<string, string> _values;

    public ConversationState(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? LastTicket => Get(LastTicketKey);

    public string? PreviousTicket => Get(PreviousTicketKey);

    public string? LastAnswer
    {
        get => Get(LastAnswerKey);
        set => Set(LastAnswerKey, Clip(value));
    }

    public string? LastQuestion
    {
        get => Get(LastQuestionKey);
        set => Set(LastQuestionKey, Clip(value));
    }

    public PendingChange? Pending
    {
        get => Get(PendingKey) is { } json ? JsonSerializer.Deserialize(json, AgentJsonContext.Default.PendingChange) : null;
        set => Set(PendingKey, value is null ? null : JsonSerializer.Serialize(value, AgentJsonContext.Default.PendingChange));
    }

    /// <summary>Files sent before their ticket existed (stored, not yet on a ticket).</summary>
    public IReadOnlyList<TicketAttachment> PendingFiles
    {
        get => Get(PendingFilesKey) is { } json ? JsonSerializer.Deserialize(json, AgentJsonContext.Default.ListTicketAttachment) ?? [] : [];
        set => Set(PendingFilesKey, value is not { Count: > 0 } ? null : JsonSerializer.Serialize(value.ToList(), AgentJsonContext.Default.ListTicketAttachment));
    }

    /// <summary>How many answers in this conversation were marked not helpful since the last escalation.</summary>
    public int NotHelpfulCount
    {
        get => int.TryParse(Get(NotHelpfulKey), System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0;
        set => Set(NotHelpfulKey, value <= 0 ? null : value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The estimated model cost of every turn of this conversation so far (see <see cref="AddCost"/>).</summary>
    public decimal EstimatedCost =>
        decimal.TryParse(Get(CostKey), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var cost) ? cost : 0m;

    /// <summary>Adds one turn's estimated cost to the conversation's and returns the new total.</summary>
    public decimal AddCost(decimal turnCost)
    {
        var total = EstimatedCost + Math.Max(0m, turnCost);
        Set(CostKey, total == 0m ? null : total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return total;
    }

    /// <summary>Remembers <paramref name="ticketId"/> as the ticket "it" refers to; the one before becomes "the other one".</summary>
    public void Mention(string ticketId)
    {
        if (ticketId == LastTicket)
        {
            return;
        }

        Set(PreviousTicketKey, LastTicket);
        Set(LastTicketKey, ticketId);
    }

    public static ConversationState From(Conversation? conversation) =>
        new(conversation?.State ?? new Dictionary<string, string>());

    private string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    private void Set(string key, string? value)
    {
        if (value is null)
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value;
        }
    }

    private static string? Clip(string? text) => text is null || text.Length <= MaxKeptTextLength ? text : text[..MaxKeptTextLength];
}
