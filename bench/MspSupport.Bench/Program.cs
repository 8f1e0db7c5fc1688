using BenchmarkDotNet.Running;
using MspSupport.Bench;

// dotnet run -c Release --project bench/MspSupport.Bench -- --filter '*'
// dotnet run -c Release --project bench/MspSupport.Bench -- cputime
if (args is ["cputime"])
{
    CpuTimeProbe.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LatencyConfig).Assembly).Run(args);
