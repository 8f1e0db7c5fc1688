using MspSupport.Eval;

// dotnet run -c Release --project eval/MspSupport.Eval -- <beir-folder>
// dotnet run -c Release --project eval/MspSupport.Eval -- ingest [<knowledge-folder>] [--index <folder>]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: MspSupport.Eval <beir-folder> | ingest [<knowledge-folder>] [--index <folder>]");
    return 2;
}

if (args[0] == "ingest")
{
    return await IngestCommand.RunAsync(args[1..], cancel.Token);
}

return await EvalCommand.RunAsync(args, cancel.Token);
