using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MspSupport.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MspSupport.Bench.LatencyConfig).Assembly).Run(args);
