using System.Text;
using System.Text.Json.Nodes;

namespace MspSupport.Testing.Hostile;

/// <summary>
/// Generates a battery of malformed and hostile requests from a <see cref="HostileEndpoint"/>: truncated and deeply
/// nested JSON (depth 10,000), wrong JSON types for every field (one level into objects), strings larger than the
/// body limit, invalid UTF-8, non-JSON bodies, oversize bodies, wrong/duplicate/missing content types, abused
/// authentication headers (missing, huge, duplicated, garbage), and hostile path values and query values (path
/// traversal, SQL and script injection, NUL, huge ids).
/// </summary>
/// <example>
/// Apply it to any route, then assert on each answer and on the store:
/// <code>
/// var endpoint = new HostileEndpoint
/// {
///     Method = HttpMethod.Post, PathTemplate = "/slack/events", ValidBody = validEventJson,
///     AuthHeaders = () => SignedHeaders(validEventJson), StrictJson = false, MaxBodyBytes = 64 * 1024,
/// };
/// foreach (var hostile in HostileRequests.For(endpoint))
/// {
///     using var request = hostile.ToRequest();
///     var response = await client.SendAsync(request);
///     Assert.True((int)response.StatusCode &lt; 500, hostile.ToString());
///     if (hostile.MustRefuse) Assert.InRange((int)response.StatusCode, 400, 499);
/// }
/// </code>
/// Cases about the body carry the endpoint's valid authentication, so that the body is what gets judged.
/// </example>
public static class HostileRequests
{
    /// <summary>Strings that must never be taken as an id: traversal, injection, NUL, encodings, sizes.</summary>
    public static readonly IReadOnlyList<string> HostileIds =
    [
        "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "'; DROP TABLE tickets; --", "1' OR '1'='1", "\" OR \"\"=\"", "<script>alert(1)</script>", "%3Cscript%3E",
        "%00", "TKT-0000000-00000%00.json", "%", "%zz", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "$ne", "null", "-1",
        "ＴＫＴ－０", "\u202Egnp.exe", new string('A', 8_000), "TKT-" + new string('9', 2_000),
    ];

    public static IEnumerable<HostileCase> For(HostileEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var cases = new List<HostileCase>();
        if (endpoint.ValidBody is not null)
        {
            cases.AddRange(BodyCases(endpoint));
            cases.AddRange(ContentTypeCases(endpoint));
        }

        cases.AddRange(AuthCases(endpoint));
        cases.AddRange(PathCases(endpoint));
        cases.AddRange(QueryCases(endpoint));
        return cases;
    }

    private static IEnumerable<HostileCase> BodyCases(HostileEndpoint endpoint)
    {
        var valid = endpoint.ValidBody!;
        var bytes = Encoding.UTF8.GetBytes(valid);
        foreach (var length in new[] { 1, bytes.Length / 4, bytes.Length / 2, bytes.Length - 1 }.Where(l => l > 0 && l < bytes.Length).Distinct())
        {
            yield return Body(endpoint, "truncated", $"{length} of {bytes.Length} bytes", bytes[..length]);
        }

        yield return Body(endpoint, "nested", "arrays 10,000 deep", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return Body(endpoint, "nested", "objects 10,000 deep", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return Body(endpoint, "nested", "unclosed 10,000 deep", Utf8(new string('[', 10_000)));

        foreach (var (name, text) in NotJson)
        {
            yield return Body(endpoint, "not-json", name, Utf8(text));
        }

        yield return Body(endpoint, "utf8", "invalid continuation byte", Splice(valid, [0xC3, 0x28]));
        yield return Body(endpoint, "utf8", "overlong slash", Splice(valid, [0xC0, 0xAF]));
        yield return Body(endpoint, "utf8", "lone continuation bytes", Splice(valid, [0x80, 0xBF, 0xFE, 0xFF]));
        yield return Body(endpoint, "utf8", "truncated multibyte", Splice(valid, [0xE2, 0x82]));
        yield return Body(endpoint, "oversize", "whitespace past the limit", Utf8(new string(' ', endpoint.MaxBodyBytes + 1024) + valid));
        yield return Body(endpoint, "oversize", "array past the limit", Utf8("[" + string.Join(",", Enumerable.Repeat("1", endpoint.MaxBodyBytes / 2 + 1024)) + "]"));

        if (JsonNode.Parse(valid) is not JsonObject root)
        {
            yield break;
        }

        foreach (var (path, original) in Fields(root))
        {
            foreach (var (name, replacement) in WrongTypes(original))
            {
                var changed = root.DeepClone().AsObject();
                Set(changed, path, replacement);
                yield return Body(endpoint, "wrong-type", $"{string.Join('.', path)} = {name}", Utf8(changed.ToJsonString())) with { MustRefuse = endpoint.StrictJson };
            }

            var huge = root.DeepClone().AsObject();
            Set(huge, path, JsonValue.Create(new string('x', endpoint.MaxBodyBytes + 1024)));
            yield return Body(endpoint, "huge-string", string.Join('.', path), Utf8(huge.ToJsonString()));
        }

        if (endpoint.StrictJson)
        {
            var first = root.First();
            var duplicate = valid.TrimEnd()[..^1] + $",\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"}}}";
            yield return Body(endpoint, "duplicate", $"property {first.Key} twice", Utf8(duplicate));
            var unknown = root.DeepClone().AsObject();
            unknown["__proto__"] = new JsonObject { ["admin"] = true };
            yield return Body(endpoint, "unknown", "__proto__", Utf8(unknown.ToJsonString()));
        }
    }

    private static IEnumerable<HostileCase> ContentTypeCases(HostileEndpoint endpoint)
    {
        var body = Utf8(endpoint.ValidBody!);
        foreach (var type in new string?[] { null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "application/json-patch+json; charset=utf-16", "application/json; charset=utf-16", "application/json, text/plain" })
        {
            yield return new HostileCase("content-type", type ?? "missing", endpoint.Method, endpoint.ValidPath, body, type, Auth(endpoint), MustRefuse: true);
        }

        var headers = Auth(endpoint).Append(new("Content-Type", "text/plain")).ToList();
        yield return new HostileCase("content-type", "json and text/plain both", endpoint.Method, endpoint.ValidPath, body, "application/json", headers, MustRefuse: true);
    }

    private static IEnumerable<HostileCase> AuthCases(HostileEndpoint endpoint)
    {
        var body = endpoint.ValidBody is null ? null : Utf8(endpoint.ValidBody);
        var type = body is null ? null : "application/json";
        var valid = endpoint.AuthHeaders();
        HostileCase Case(string name, IEnumerable<KeyValuePair<string, string>> headers) =>
            new("auth", name, endpoint.Method, endpoint.ValidPath, body, type, headers.ToList(), MustRefuse: true);

        yield return Case("none", []);
        foreach (var (header, value) in valid)
        {
            yield return Case($"{header} empty", [new(header, "")]);
            yield return Case($"{header} huge", [new(header, new string('k', 64 * 1024))]);
            yield return Case($"{header} injection", [new(header, "' OR 1=1 --")]);
            yield return Case($"{header} changed", [new(header, value[..^1] + (value[^1] == 'x' ? 'y' : 'x'))]);
            yield return Case($"{header} NUL", [new(header, value + "\0")]);
        }

        yield return Case("bearer garbage", [new("Authorization", "Bearer not.a.token")]);
        yield return Case("bearer alg none", [new("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.")]);
        yield return Case("basic", [new("Authorization", "Basic YWRtaW46YWRtaW4=")]);
    }

    private static IEnumerable<HostileCase> PathCases(HostileEndpoint endpoint)
    {
        var body = endpoint.ValidBody is null ? null : Utf8(endpoint.ValidBody);
        var type = body is null ? null : "application/json";
        foreach (var name in endpoint.PathValues.Keys)
        {
            foreach (var id in HostileIds)
            {
                var values = endpoint.PathValues.ToDictionary(p => p.Key, p => p.Value);
                values[name] = id.Contains('%', StringComparison.Ordinal) ? id : Uri.EscapeDataString(id);
                var label = id.Length > 40 ? $"{id.Length} chars" : id;
                yield return new HostileCase("path", $"{name} = {label}", endpoint.Method, HostileEndpoint.Fill(endpoint.PathTemplate, values), body, type, Auth(endpoint), MustRefuse: true);
            }
        }
    }

    private static IEnumerable<HostileCase> QueryCases(HostileEndpoint endpoint)
    {
        if (endpoint.ValidQuery is null)
        {
            yield break;
        }

        var parameters = endpoint.ValidQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToArray();
        foreach (var parameter in parameters)
        {
            foreach (var value in HostileIds.Concat(["1e309", "-2147483649", "99999999999999999999", "", "[]", "true"]))
            {
                var query = string.Join('&', parameters.Select(p => p[0] == parameter[0]
                    ? $"{p[0]}={(value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value))}"
                    : string.Join('=', p)));
                var label = value.Length > 40 ? $"{value.Length} chars" : value;
                yield return new HostileCase("query", $"{parameter[0]} = {label}", endpoint.Method, $"{endpoint.ValidPath}?{query}", null, null, Auth(endpoint), MustRefuse: false);
            }
        }
    }

    private static readonly (string Name, string Text)[] NotJson =
    [
        ("empty", ""), ("null", "null"), ("array", "[]"), ("string", "\"ticket\""), ("number", "42"), ("xml", "<ticket><title>x</title></ticket>"),
        ("form", "title=x&priority=high"), ("single quotes", "{'title':'x'}"), ("trailing comma", "{\"a\":1,}"), ("comment", "/* hi */ {}"),
        ("NaN", "{\"a\":NaN}"), ("two documents", "{} {}"), ("BOM only", "\uFEFF"),
    ];

    private static HostileCase Body(HostileEndpoint endpoint, string family, string name, byte[] body) =>
        new(family, name, endpoint.Method, endpoint.ValidPath, body, "application/json", Auth(endpoint), MustRefuse: true);

    private static List<KeyValuePair<string, string>> Auth(HostileEndpoint endpoint) => [.. endpoint.AuthHeaders()];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Puts raw bytes inside the first string value of the valid body, so only the encoding is wrong.</summary>
    private static byte[] Splice(string valid, byte[] raw)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var colonQuote = valid.IndexOf(":\"", StringComparison.Ordinal);
        var at = colonQuote < 0 ? bytes.Length / 2 : Encoding.UTF8.GetByteCount(valid[..(colonQuote + 2)]);
        return [.. bytes[..at], .. raw, .. bytes[at..]];
    }

    private static IEnumerable<(string[] Path, JsonNode? Value)> Fields(JsonObject root)
    {
        foreach (var (name, value) in root)
        {
            yield return ([name], value);
            if (value is JsonObject inner)
            {
                foreach (var (child, childValue) in inner)
                {
                    yield return ([name, child], childValue);
                }
            }
        }
    }

    /// <summary>Values of every JSON kind but the field's own (null excepted: many fields may be null on purpose).</summary>
    private static IEnumerable<(string Name, JsonNode Value)> WrongTypes(JsonNode? original)
    {
        var kind = original?.GetValueKind();
        if (kind != System.Text.Json.JsonValueKind.String)
        {
            yield return ("string", JsonValue.Create("not-the-right-type")!);
        }

        if (kind != System.Text.Json.JsonValueKind.Number)
        {
            yield return ("number", JsonValue.Create(42)!);
            yield return ("negative float", JsonValue.Create(-1.5)!);
        }

        if (kind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
        {
            yield return ("boolean", JsonValue.Create(true)!);
        }

        if (kind != System.Text.Json.JsonValueKind.Array)
        {
            yield return ("array", new JsonArray(1, 2));
            yield return ("empty array", new JsonArray());
        }

        if (kind != System.Text.Json.JsonValueKind.Object)
        {
            yield return ("object", new JsonObject { ["$ne"] = null });
        }
    }

    private static void Set(JsonObject root, string[] path, JsonNode? value)
    {
        var target = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            target = target[path[i]]!.AsObject();
        }

        target[path[^1]] = value;
    }
}
