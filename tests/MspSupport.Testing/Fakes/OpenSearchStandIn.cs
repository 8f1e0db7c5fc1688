using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// A small OpenSearch Serverless vector collection: create index (<c>PUT /{index}</c> with a <c>knn_vector</c>
/// mapping), <c>HEAD /{index}</c>, NDJSON <c>POST /_bulk</c> (index without custom ids, as Serverless vector
/// collections require; delete by id), and <c>POST /{index}/_search</c> with a <c>knn</c> query (optional bool
/// filter of terms) or a <c>term</c> query. Requests must be SigV4-signed for service <c>aoss</c> with an
/// <c>x-amz-content-sha256</c> matching the body. Answers k-NN exactly (cosine), which a test can check.
/// </summary>
public sealed partial class OpenSearchStandIn
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Dimensions, string Field, List<(string Id, JsonObject Source)> Documents)> _indices = new(StringComparer.Ordinal);
    private int _nextId;

    public int DocumentCount(string index)
    {
        lock (_gate)
        {
            return _indices.TryGetValue(index, out var entry) ? entry.Documents.Count : 0;
        }
    }

    public StandInResponse Respond(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsSigned(request, out var why))
        {
            return new StandInResponse(403, JsonSerializer.Serialize(new { message = why }));
        }

        var segments = request.Path.Trim('/').Split('/');
        lock (_gate)
        {
            return (request.Method, segments) switch
            {
                ("HEAD", [var index]) => new StandInResponse(_indices.ContainsKey(index) ? 200 : 404, string.Empty),
                ("PUT", [var index]) => CreateIndex(index, request.Body),
                ("POST", ["_bulk"]) => Bulk(request),
                ("POST", [var index, "_search"]) => Search(index, request.Body),
                _ => Error(404, "no_handler_found_exception", $"no handler for {request.Method} {request.Path}"),
            };
        }
    }

    private StandInResponse CreateIndex(string index, string body)
    {
        if (_indices.ContainsKey(index))
        {
            return Error(400, "resource_already_exists_exception", $"index [{index}] already exists");
        }

        var json = JsonNode.Parse(body);
        if (json?["settings"]?["index"]?["knn"]?.GetValue<bool>() != true)
        {
            return Error(400, "illegal_argument_exception", "settings.index.knn must be true for knn_vector fields");
        }

        var properties = json["mappings"]?["properties"]?.AsObject();
        var vector = properties?.FirstOrDefault(p => p.Value?["type"]?.GetValue<string>() == "knn_vector");
        var method = vector?.Value?["method"];
        if (vector?.Value is null || vector.Value.Value["dimension"] is null
            || method?["name"]?.GetValue<string>() != "hnsw"
            || method["space_type"]?.GetValue<string>() is not ("cosinesimil" or "l2" or "innerproduct")
            || method["engine"]?.GetValue<string>() is not ("faiss" or "lucene" or "nmslib"))
        {
            return Error(400, "mapper_parsing_exception", "knn_vector needs dimension and method {name: hnsw, space_type, engine}");
        }

        _indices[index] = (vector.Value.Value["dimension"]!.GetValue<int>(), vector.Value.Key, []);
        return new StandInResponse(200, JsonSerializer.Serialize(new { acknowledged = true, shards_acknowledged = true, index }));
    }

    private StandInResponse Bulk(RecordedRequest request)
    {
        if (request.Header("content-type")?.StartsWith("application/x-ndjson", StringComparison.Ordinal) != true && request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return Error(406, "content_type_exception", "Content-Type header must be application/x-ndjson");
        }

        if (!request.Body.EndsWith('\n'))
        {
            return Error(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
        }

        var lines = request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new List<object>();
        var errors = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject().Single();
            var target = action.Value!;
            var index = target["_index"]?.GetValue<string>() ?? string.Empty;
            if (!_indices.TryGetValue(index, out var entry))
            {
                errors = true;
                items.Add(new Dictionary<string, object> { [action.Key] = new { _index = index, status = 404, error = new { type = "index_not_found_exception", reason = $"no such index [{index}]" } } });
                i += action.Key == "index" ? 1 : 0;
                continue;
            }

            if (action.Key == "index")
            {
                var source = JsonNode.Parse(lines[++i])!.AsObject();
                var length = source[entry.Field]?.AsArray().Count ?? 0;
                if (target["_id"] is not null || length != entry.Dimensions)
                {
                    errors = true;
                    var reason = target["_id"] is not null ? "Document ID is not supported in create/index operation request" : $"Vector dimension mismatch. Expected: {entry.Dimensions}, Given: {length}";
                    items.Add(new Dictionary<string, object> { ["index"] = new { _index = index, status = 400, error = new { type = "illegal_argument_exception", reason } } });
                    continue;
                }

                var id = $"doc{++_nextId}";
                entry.Documents.Add((id, source));
                items.Add(new Dictionary<string, object> { ["index"] = new { _index = index, _id = id, status = 201, result = "created" } });
            }
            else if (action.Key == "delete")
            {
                var id = target["_id"]?.GetValue<string>();
                var removed = entry.Documents.RemoveAll(d => d.Id == id);
                items.Add(new Dictionary<string, object> { ["delete"] = new { _index = index, _id = id, status = removed > 0 ? 200 : 404, result = removed > 0 ? "deleted" : "not_found" } });
            }
        }

        return new StandInResponse(200, JsonSerializer.Serialize(new { took = 1, errors, items }));
    }

    private StandInResponse Search(string index, string body)
    {
        if (!_indices.TryGetValue(index, out var entry))
        {
            return Error(404, "index_not_found_exception", $"no such index [{index}]");
        }

        var json = JsonNode.Parse(body)!;
        var size = json["size"]?.GetValue<int>() ?? 10;
        IEnumerable<(string Id, JsonObject Source, float Score)> hits;
        if (json["query"]?["knn"]?.AsObject().SingleOrDefault() is { Value: not null } knn)
        {
            if (knn.Key != entry.Field || knn.Value["vector"] is not JsonArray vector || knn.Value["k"] is null || vector.Count != entry.Dimensions)
            {
                return Error(400, "parsing_exception", "knn query needs {field: {vector: [..dimension floats], k}}");
            }

            var query = vector.Select(v => v!.GetValue<float>()).ToArray();
            var terms = (knn.Value["filter"]?["bool"]?["filter"]?.AsArray() ?? []).Select(t => t!["term"]!.AsObject().Single()).ToArray();
            hits = entry.Documents
                .Where(d => terms.All(t => Matches(d.Source, t.Key, t.Value!.GetValue<string>())))
                .Select(d => (d.Id, d.Source, Score: 1 / (2 - Cosine(query, d.Source[entry.Field]!.AsArray()))))
                .OrderByDescending(h => h.Score)
                .Take(Math.Min(size, knn.Value["k"]!.GetValue<int>()));
        }
        else if (json["query"]?["term"]?.AsObject().SingleOrDefault() is { Value: not null } term)
        {
            hits = entry.Documents.Where(d => Matches(d.Source, term.Key, term.Value.GetValue<string>())).Select(d => (d.Id, d.Source, 1f)).Take(size);
        }
        else
        {
            return Error(400, "parsing_exception", "unsupported query");
        }

        var excludes = (json["_source"] as JsonObject)?["excludes"]?.AsArray().Select(e => e!.GetValue<string>()).ToHashSet() ?? [];
        var withSource = json["_source"] is not JsonValue off || off.GetValue<bool>();
        var results = hits.Select(h => new Dictionary<string, object?>
        {
            ["_index"] = index,
            ["_id"] = h.Id,
            ["_score"] = h.Score,
            ["_source"] = withSource ? h.Source.Where(p => !excludes.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value?.DeepClone()) : null,
        }).ToArray();
        return new StandInResponse(200, JsonSerializer.Serialize(new { took = 1, timed_out = false, hits = new { total = new { value = results.Length, relation = "eq" }, hits = results } }));
    }

    private static bool Matches(JsonObject source, string field, string value) => source[field] switch
    {
        JsonArray array => array.Any(v => v?.GetValue<string>() == value),
        JsonValue single => single.GetValue<string>() == value,
        _ => false,
    };

    private static float Cosine(float[] query, JsonArray stored)
    {
        double dot = 0, a = 0, b = 0;
        for (var i = 0; i < query.Length; i++)
        {
            var s = stored[i]!.GetValue<float>();
            dot += query[i] * s;
            a += query[i] * query[i];
            b += s * s;
        }

        return (float)(dot / Math.Sqrt(a * b));
    }

    private static bool IsSigned(RecordedRequest request, out string why)
    {
        why = string.Empty;
        if (!SigV4().IsMatch(request.Header("authorization") ?? string.Empty) || request.Header("x-amz-date") is null)
        {
            why = "Request not signed with SigV4 for service aoss";
            return false;
        }

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        if (request.Header("x-amz-content-sha256") != expected)
        {
            why = "x-amz-content-sha256 is required and must be the hex SHA-256 of the body";
            return false;
        }

        return true;
    }

    private static StandInResponse Error(int status, string type, string reason) =>
        new(status, JsonSerializer.Serialize(new { error = new { root_cause = new[] { new { type, reason } }, type, reason }, status }));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=\w+/\d{8}/[a-z0-9-]+/aoss/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-content-sha256[a-z0-9;-]*, Signature=[0-9a-f]{64}$")]
    private static partial Regex SigV4();
}
