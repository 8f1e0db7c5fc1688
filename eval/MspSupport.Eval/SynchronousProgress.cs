using MspSupport.Core.Knowledge;

namespace MspSupport.Eval;

/// <summary>Reports on the calling thread; <see cref="Progress{T}"/> would post to the thread pool and draw out of order.</summary>
public sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
{
    public void Report(IngestProgress value) => report(value);
}
