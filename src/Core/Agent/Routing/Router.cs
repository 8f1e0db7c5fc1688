using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MspSupport.Core.Agent.Intents;
using MspSupport.Core.Diagnostics;

namespace MspSupport.Core.Agent.Routing;

/// <summary>
/// Chooses the tier for a message, in the seed's spirit: what tier 0 recognises needs no model; simple questions,
/// status and listings in free words go to the cheap model; troubleshooting, explanations, analysis, several steps
/// or changes to tickets in free words go to the capable model.
/// </summary>
public sealed partial class Router
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
    private readonly (string Name, Regex Pattern, int Tier)[] _rules;
    private readonly RoutingOptions _options;

    public Router(IOptions<RoutingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var configured = _options.Rules.Select(r => (r.Name, new Regex(r.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout), r.Tier));
        var builtIn = _options.UseBuiltInRules ? BuiltIn() : [];
        _rules = [.. configured, .. builtIn];
    }

    public RouteDecision Decide(string? text)
    {
        using var activity = AssistantTelemetry.Source.StartActivity("agent.route");
        var decision = DecideCore(text);
        activity?.SetTag("mspsupport.agent.requested_tier", decision.Tier);
        activity?.SetTag("mspsupport.agent.route_reason", decision.Reason);
        return decision;
    }

    private RouteDecision DecideCore(string? text)
    {
        if (IntentParser.Parse(text) is { } intent)
        {
            return new RouteDecision(0, $"tier 0 intent: {intent.Kind}", intent);
        }

        var message = text ?? "";
        foreach (var (name, pattern, tier) in _rules)
        {
            if (pattern.IsMatch(message))
            {
                return new RouteDecision(tier, $"rule: {name}");
            }
        }

        if (Words().Count(message) >= _options.CapableMinWords)
        {
            return new RouteDecision(2, $"long message (≥ {_options.CapableMinWords} words)");
        }

        return message.Count(c => c == '?') >= 2
            ? new RouteDecision(2, "several questions")
            : new RouteDecision(_options.DefaultTier, "default");
    }

    private static (string, Regex, int)[] BuiltIn() =>
    [
        ("explain in detail", ExplainDetail(), 2),
        ("troubleshooting", Troubleshoot(), 2),
        ("analysis", Analyze(), 2),
        ("several steps", MultiStep(), 2),
        ("ticket change in free words", TicketChange(), 2),
        ("writing", Writing(), 2),
        ("status or listing", StatusOrList(), 1),
        ("simple question", SimpleQuestion(), 1),
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"\w+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\b(explain|in\s+detail|detailed|walk\s+me\s+through|step[-\s]by[-\s]step|deep\s+dive|why\s+(does|do|is|are|would|did)|what\s+causes|how\s+does\s+.+\s+work)\b", Options)]
    private static partial Regex ExplainDetail();

    [GeneratedRegex(@"\b(troubleshoot\w*|diagnos\w*|investigat\w*|root\s+cause|debug\w*|keeps\s+(dropping|crashing|disconnecting|failing|freezing|rebooting)|intermittent\w*|still\s+(not|doesn'?t|isn'?t|won'?t|can'?t)|tried\s+(everything|restarting|rebooting)|randomly|every\s+(few|couple)\s+(minutes|hours)|stopped\s+working\s+after|error\s+code|event\s+id|0x[0-9a-f]{4,})\b", Options)]
    private static partial Regex Troubleshoot();

    [GeneratedRegex(@"\b(analy[sz]\w*|compare|comparison|trends?|pattern|summari[sz]e|recommend\w*|pros\s+and\s+cons|trade-?offs?|which\s+is\s+better|assess\w*|evaluate)\b", Options)]
    private static partial Regex Analyze();

    [GeneratedRegex(@"(\band\s+then\b|\bafter\s+that\b|\bfirst\b.+\bthen\b|\balso\b.+\band\b.+\?|\bthen\s+(close|update|assign|notify|email)\b)", Options)]
    private static partial Regex MultiStep();

    [GeneratedRegex(@"\b(escalate|reassign|merge|split|move|change|update|bump|downgrade|upgrade|link)\b.*\b(ticket|tickets|case|priority|status)\b|\b(ticket|tickets)\b.*\b(escalate|reassign|merge|change|update)\b|\bcreate\b.+\band\b.+\b(assign|close|note|notify|priority)\b", Options)]
    private static partial Regex TicketChange();

    [GeneratedRegex(@"\b(write|draft|compose|prepare|plan|design)\s+(a|an|the|me|my|our)\b", Options)]
    private static partial Regex Writing();

    [GeneratedRegex(@"\b(any\s+(update|news|progress)|what'?s\s+happening\s+with|where\s+are\s+we\s+with|how\s+many\s+(open\s+)?tickets|when\s+will\s+(my|the)\s+ticket|(my|our)\s+(open\s+|recent\s+|last\s+)?tickets?|is\s+(my|the)\s+ticket|who\s+is\s+(working|assigned))\b", Options)]
    private static partial Regex StatusOrList();

    [GeneratedRegex(@"^(how\s+(do|can|should)\s+(i|we|you)|how\s+to|where\s+(is|are|can|do)|what\s+(is|are|'s)|can\s+i|is\s+there|do\s+(you|we)|who\s+(do|should)|which|when)\b", Options)]
    private static partial Regex SimpleQuestion();
}
