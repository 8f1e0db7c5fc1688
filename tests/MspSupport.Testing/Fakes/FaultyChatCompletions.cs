using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MspSupport.Testing.Fakes;

/// <summary>
/// An OpenAI-compatible model that misbehaves on cue, as the protocol of a <see cref="RecordingHttpServer"/>: the next
/// requests stall until the client gives up (<see cref="StallNext"/>), or fail with an HTTP status and the error body
/// OpenAI sends (<see cref="FailNext"/>: 500, 503, 429 with Retry-After semantics left to the client). Otherwise it
/// answers like <see cref="ChatCompletionsStandIn"/>.
/// </summary>
public sealed class FaultyChatCompletions(string answer)
{
    private readonly Func<RecordedRequest, StandInResponse> _healthy = ChatCompletionsStandIn.Answering(answer);
    private readonly ConcurrentQueue<int> _faults = new();

    /// <summary>Requests answered so far, by what they got: "stalled", a status code, or "answered".</summary>
    public ConcurrentQueue<string> Outcomes { get; } = new();

    /// <summary>The next <paramref name="count"/> requests hang without a byte of answer until the client cancels.</summary>
    public void StallNext(int count) => Enqueue(0, count);

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>.</summary>
    public void FailNext(int status, int count) => Enqueue(status, count);

    public async Task<StandInResponse> RespondAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        if (!_faults.TryDequeue(out var fault))
        {
            Outcomes.Enqueue("answered");
            return _healthy(request);
        }

        if (fault == 0)
        {
            Outcomes.Enqueue("stalled");
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        Outcomes.Enqueue(fault.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (type, message) = fault == 429
            ? ("rate_limit_exceeded", "Rate limit reached for requests. Please try again later.")
            : ("server_error", "The server had an error while processing your request.");
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = null };
        return new StandInResponse(fault, new JsonObject { ["error"] = error }.ToJsonString());
    }

    private void Enqueue(int fault, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(fault);
        }
    }
}
