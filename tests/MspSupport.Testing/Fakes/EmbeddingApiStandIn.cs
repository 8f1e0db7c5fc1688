using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// Speaks the two embedding APIs we call, with their documented shapes: OpenAI <c>POST /embeddings</c>
/// (<c>{"model","input":[..]}</c> → <c>{"data":[{"index","embedding"}],"model"}</c>) and Bedrock Runtime
/// InvokeModel for Titan Text Embeddings v2 (<c>{"inputText","dimensions","normalize"}</c> →
/// <c>{"embedding":[..],"inputTextTokenCount"}</c>, SigV4 required). Malformed requests get the 400 or 403
/// the real services give, so a wrong request fails the test instead of passing silently.
/// </summary>
public static partial class EmbeddingApiStandIn
{
    public static StandInResponse Respond(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == "POST" && request.Path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            return OpenAi(request);
        }

        if (request.Method == "POST" && InvokePath().IsMatch(request.Path))
        {
            return Titan(request);
        }

        return new StandInResponse(404, """{"message":"not found"}""");
    }

    /// <summary>A deterministic vector: letters of the text counted into <paramref name="dimensions"/> buckets, then normalised.</summary>
    public static float[] VectorFor(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[dimensions];
        foreach (var c in text.ToLowerInvariant())
        {
            vector[c % dimensions] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }

    private static StandInResponse OpenAi(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.Body);
        var model = body?["model"]?.GetValue<string>();
        if (body?["input"] is not JsonArray input || string.IsNullOrEmpty(model))
        {
            return new StandInResponse(400, """{"error":{"message":"'model' and 'input' are required"}}""");
        }

        var data = input.Select((text, i) => new { @object = "embedding", index = i, embedding = VectorFor(text!.GetValue<string>(), 16) });
        return new StandInResponse(200, JsonSerializer.Serialize(new { @object = "list", data, model, usage = new { prompt_tokens = 1, total_tokens = 1 } }));
    }

    private static StandInResponse Titan(RecordedRequest request)
    {
        var authorization = request.Header("authorization") ?? string.Empty;
        if (!SigV4Header().IsMatch(authorization) || request.Header("x-amz-date") is null)
        {
            return new StandInResponse(403, """{"message":"Missing Authentication Token"}""");
        }

        var body = JsonNode.Parse(request.Body);
        var text = body?["inputText"]?.GetValue<string>();
        var dimensions = body?["dimensions"]?.GetValue<int>() ?? 1024;
        if (string.IsNullOrEmpty(text) || dimensions is not (256 or 512 or 1024) || request.Header("content-type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return new StandInResponse(400, """{"message":"Malformed input request"}""");
        }

        return new StandInResponse(200, JsonSerializer.Serialize(new { embedding = VectorFor(text, dimensions), inputTextTokenCount = text.Split(' ').Length }));
    }

    [GeneratedRegex(@"^/model/[^/]+/invoke$")]
    private static partial Regex InvokePath();

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=[A-Z0-9]+/\d{8}/[a-z0-9-]+/bedrock/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$")]
    private static partial Regex SigV4Header();
}
