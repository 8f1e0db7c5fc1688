namespace MspSupport.Eval;

/// <summary>A one-line progress bar on standard error; redrawn in place on a terminal, printed every tenth otherwise.</summary>
public sealed class ProgressBar(string label) : IProgress<(int Done, int Total)>
{
    private const int Width = 30;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private int _lastTenth = -1;

    public void Report((int Done, int Total) value)
    {
        var (done, total) = value;
        var fraction = total == 0 ? 1 : (double)done / total;
        var tenth = (int)(fraction * 10);
        if (!_terminal && tenth == _lastTenth && done != total)
        {
            return;
        }

        _lastTenth = tenth;
        var filled = (int)(fraction * Width);
        var line = $"{label} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}";
        Console.Error.Write(_terminal ? "\r" + line : line + Environment.NewLine);
        if (_terminal && done == total)
        {
            Console.Error.WriteLine();
        }
    }
}
