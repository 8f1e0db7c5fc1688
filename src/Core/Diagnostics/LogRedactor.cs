using System.Text.RegularExpressions;

namespace MspSupport.Core.Diagnostics;

/// <summary>
/// Finds personal data and secrets in text bound for a log and replaces them with a marker: e-mail addresses,
/// phone numbers, JSON Web Tokens, bearer tokens, Slack tokens, AWS access keys, <c>sk-</c> style API keys, URL
/// credentials, and the value after a secret-sounding name (<c>api_key=</c>, <c>password:</c>, "my API key is ...").
/// Pattern-based on purpose: user text reaches logs through libraries we do not annotate (request paths, model
/// client traces, exception messages), so classification attributes alone would miss it.
/// </summary>
public static partial class LogRedactor
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns <paramref name="text"/> with every match replaced; the same instance when nothing matched.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        try
        {
            var result = UrlCredentials().Replace(text, "://[redacted]@");
            result = Jwt().Replace(result, "[jwt]");
            result = Bearer().Replace(result, "$1 [token]");
            result = SlackToken().Replace(result, "[slack-token]");
            result = AwsAccessKey().Replace(result, "[aws-key]");
            result = PrefixedApiKey().Replace(result, "[api-key]");
            result = NamedSecret().Replace(result, "$1$2[redacted]");
            result = Email().Replace(result, "[email]");
            result = Phone().Replace(result, match => IsPhone(match.Value) ? "[phone]" : match.Value);
            result = E164Phone().Replace(result, "[phone]");
            return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: say less rather than risk writing what could not be checked.
            return "[redacted: text could not be checked]";
        }
    }

    /// <summary>Enough digits for a number with an area code; a decimal such as "123.4567" or an IPv4 address is not a phone number.</summary>
    private static bool IsPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        var dots = candidate.Count(c => c == '.');
        if (dots is 1 || digits > 15 || IPv4().IsMatch(candidate))
        {
            return false;
        }

        return digits >= 8 || LocalNumber().IsMatch(candidate);
    }

    [GeneratedRegex(@"://[^/\s:@]+:[^/\s@]+@", RegexOptions.CultureInvariant, 250)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b(Bearer|Basic)\s+(?!\[)[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"\b(?:xox[abposre]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]{8,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"\b(?:sk|pk|rk)[-_](?:live[-_]|test[-_]|proj[-_])?[A-Za-z0-9_-]{16,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex PrefixedApiKey();

    [GeneratedRegex(
        @"\b((?:x-)?api[ _-]?key|apikey|access[ _-]?key|secret(?:[ _-]?key)?|client[ _-]?secret|signing[ _-]?secret|app[ _-]?password|password|passwd|pwd|(?:access|refresh|auth|id)[ _-]?token|token)(""?\s*[:=]\s*""?|\s+is\s+(?=[^\s""',;&<>]*\d))(?!\[)[^\s""',;&<>]{4,}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex NamedSecret();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w.+/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w-]|\.\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![\w])\+\d{8,15}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex E164Phone();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();

    [GeneratedRegex(@"^\d{3}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalNumber();
}
