using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using MspSupport.Core.Storage;
using MspSupport.Core.Tickets;
using Xunit;

namespace MspSupport.Testing.Dynalite;

/// <summary>
/// A real DynamoDB wire endpoint for tests: dynalite (installed by <c>npm ci --prefix tests/node</c>) started on a
/// free loopback port, in memory, and stopped with its whole process tree on dispose. Use it as an xunit class or
/// collection fixture; give every test class (or test) its own table from <see cref="NewTableName"/>. With
/// <see cref="DataPath"/> set, dynalite keeps its tables on disk there, so <see cref="StopAsync"/> (an outage) and
/// <see cref="RestartAsync"/> (the same endpoint back, with what it had acknowledged) can be used mid-test.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    // Runs dynalite's own CLI, plus a watch on this test process: if the test host dies without disposing
    // the fixture (a crash, a killed run), dynalite exits on its own instead of lingering on the machine.
    private const string Launcher = """
        const [cli, parent, ...rest] = process.argv.slice(1);
        process.argv = [process.argv[0], cli, ...rest];
        setInterval(() => { try { process.kill(Number(parent), 0); } catch { process.exit(0); } }, 1000).unref();
        require(cli);
        """;

    private readonly StringBuilder _output = new();
    private string? _cli;
    private int _port;
    private Process? _process;
    private AmazonDynamoDBClient? _client;
    private int _tables;

    public IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException("The dynalite fixture has not been started.");

    /// <summary>The endpoint, e.g. http://127.0.0.1:41234, as Storage:DynamoDb:ServiceUrl would name it.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>A folder for dynalite's LevelDB files; null (the default) keeps everything in memory.</summary>
    public string? DataPath { get; init; }

    /// <summary>Whether dynalite is running now (false between <see cref="StopAsync"/> and <see cref="RestartAsync"/>).</summary>
    public bool IsRunning => _process is { HasExited: false };

    public async Task InitializeAsync()
    {
        _cli = Path.Combine(RepositoryRoot(), "tests", "node", "node_modules", "dynalite", "cli.js");
        if (!File.Exists(_cli))
        {
            throw new InvalidOperationException(
                $"dynalite is not installed ({_cli} is missing): run ./test.sh or npm ci --prefix tests/node.");
        }

        // A port picked free can be taken by someone else before dynalite binds it; try a few.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _port = FreeLoopbackPort();
            Start();
            if (await AnswersAsync())
            {
                return;
            }

            Stop();
        }

        throw new InvalidOperationException($"dynalite did not start on loopback. Its output:\n{Output()}");
    }

    /// <summary>
    /// Kills dynalite as a crash would (no shutdown). The endpoint refuses connections until <see cref="RestartAsync"/>;
    /// with <see cref="DataPath"/>, what was written stays on disk.
    /// </summary>
    public Task StopAsync()
    {
        if (DataPath is null)
        {
            throw new InvalidOperationException("Without a DataPath a stop would lose every table; set DataPath to simulate an outage.");
        }

        Stop();
        return Task.CompletedTask;
    }

    /// <summary>Starts dynalite again on the same port and data folder and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        if (_cli is null)
        {
            throw new InvalidOperationException("The dynalite fixture has not been started.");
        }

        // The port may still be held for a moment by the killed process's socket; a few tries settle it.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            Start();
            if (await AnswersAsync())
            {
                return;
            }

            Stop();
        }

        throw new InvalidOperationException($"dynalite did not come back on port {_port}. Its output:\n{Output()}");
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    /// <summary>A table name no other test using this fixture gets.</summary>
    public string NewTableName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _tables)}";

    /// <summary>Storage options pointing at this dynalite, as a configured host would have them.</summary>
    public IOptions<StorageOptions> StorageOptionsFor(string ticketsTable) =>
        Options.Create(new StorageOptions
        {
            Provider = StorageProvider.DynamoDb,
            DynamoDb = new DynamoDbStorageOptions
            {
                ServiceUrl = ServiceUrl,
                Region = "us-east-1",
                TicketsTable = ticketsTable,
                CreateTables = true,
            },
        });

    /// <summary>Storage options pointing at this dynalite with the given sessions table (conversations and memories).</summary>
    public IOptions<StorageOptions> SessionsStorageOptionsFor(string sessionsTable) =>
        Options.Create(new StorageOptions
        {
            Provider = StorageProvider.DynamoDb,
            DynamoDb = new DynamoDbStorageOptions
            {
                ServiceUrl = ServiceUrl,
                Region = "us-east-1",
                SessionsTable = sessionsTable,
                CreateTables = true,
            },
        });

    /// <summary>A store on a fresh table, created by the store's own start-up path as production creates it.</summary>
    public async Task<DynamoDbTicketStore> NewTicketStoreAsync(string tablePrefix, CancellationToken cancellationToken = default)
    {
        var store = new DynamoDbTicketStore(Client, StorageOptionsFor(NewTableName(tablePrefix)));
        await store.InitializeAsync(cancellationToken);
        return store;
    }

    private void Start()
    {
        var cli = _cli!;
        var port = _port;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-e", Launcher, cli, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Short table state changes keep table creation in tests quick while still passing through CREATING.
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", $"{port}", "--createTableMs", "20", "--deleteTableMs", "20", "--updateTableMs", "20" })
        {
            start.ArgumentList.Add(argument);
        }

        if (DataPath is not null)
        {
            Directory.CreateDirectory(DataPath);
            start.ArgumentList.Add("--path");
            start.ArgumentList.Add(DataPath);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node; is it installed and on PATH?");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        ServiceUrl = $"http://127.0.0.1:{port}";
        _client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("dynalite", "dynalite"),
            new AmazonDynamoDBConfig
            {
                ServiceURL = ServiceUrl,
                AuthenticationRegion = "us-east-1",
                Timeout = TimeSpan.FromSeconds(30),
            });
    }

    private async Task<bool> AnswersAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_process is null || _process.HasExited)
            {
                return false;
            }

            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Client.ListTablesAsync(new ListTablesRequest { Limit = 1 }, attempt.Token);
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or AmazonServiceException or AmazonClientException or OperationCanceledException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    private void Stop()
    {
        _client?.Dispose();
        _client = null;
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
        _process = null;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MspSupport.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MspSupport.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
