using System.Diagnostics;
using System.IO.Compression;

namespace MspSupport.Infra.Tests;

/// <summary>
/// Runs <c>deploy/lambda/build-zip.sh</c> with a stand-in <c>dotnet</c> that lays out what a Native AOT publish
/// produces: the real publish takes minutes and a C toolchain, too slow for every test run, while what can go
/// wrong in the script (names, what goes in, what stays out, the executable bit) shows in seconds this way.
/// The real publish was run by hand and in deploy.yml, which lists the zip it built.
/// </summary>
public sealed class LambdaPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("msp-zip-").FullName;

    [Fact]
    public void Zip_holds_the_published_binary_as_an_executable_bootstrap_with_sqlite_and_settings()
    {
        var zip = Path.Combine(_work, "out", "ticket-functions.zip");

        var (exitCode, output) = RunScript(StandInDotnet(complete: true), "linux-x64", zip);

        Assert.True(exitCode == 0, output);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["appsettings.json", "bootstrap", "libe_sqlite3.so"], archive.Entries.Select(e => e.FullName).Order());
        var bootstrap = archive.GetEntry("bootstrap")!;
        using (var reader = new StreamReader(bootstrap.Open()))
        {
            Assert.Equal("native ticket api", reader.ReadToEnd());
        }

        var mode = (bootstrap.ExternalAttributes >> 16) & 0b111_111_111;
        Assert.True((mode & 0b001_001_001) == 0b001_001_001, $"bootstrap mode is {Convert.ToString(mode, 8)}, not executable");
    }

    [Fact]
    public void Development_settings_with_the_local_demo_keys_stay_out_of_the_zip()
    {
        var zip = Path.Combine(_work, "dev.zip");

        var (exitCode, output) = RunScript(StandInDotnet(complete: true), "linux-x64", zip);

        Assert.True(exitCode == 0, output);
        using var archive = ZipFile.OpenRead(zip);
        Assert.DoesNotContain(archive.Entries, e => e.FullName.Contains("Development", StringComparison.Ordinal));
        Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith(".dbg", StringComparison.Ordinal));
    }

    [Fact]
    public void Script_publishes_for_the_runtime_it_is_given()
    {
        var (exitCode, output) = RunScript(StandInDotnet(complete: true), "linux-arm64", Path.Combine(_work, "arm.zip"));

        Assert.True(exitCode == 0, output);
        var arguments = File.ReadAllText(Path.Combine(_work, "dotnet-args.txt"));
        Assert.Contains("-r linux-arm64", arguments, StringComparison.Ordinal);
        Assert.Contains("src/TicketFunctions/MspSupport.TicketFunctions.csproj", arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_refuses_an_unknown_runtime()
    {
        var (exitCode, output) = RunScript(StandInDotnet(complete: true), "win-x64", Path.Combine(_work, "win.zip"));

        Assert.Equal(2, exitCode);
        Assert.Contains("linux-x64 or linux-arm64", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_fails_and_says_what_is_missing_when_the_publish_lacks_the_sqlite_library()
    {
        var zip = Path.Combine(_work, "broken.zip");

        var (exitCode, output) = RunScript(StandInDotnet(complete: false), "linux-x64", zip);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no libe_sqlite3.so", output, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    // A dotnet that writes the files a Native AOT publish leaves in its -o folder, and records its arguments.
    private string StandInDotnet(bool complete)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        var script = Path.Combine(bin, "dotnet");
        var sqlite = complete ? """echo 'elf' > "$out/libe_sqlite3.so" """ : "";
        File.WriteAllText(script, $$"""
            #!/usr/bin/env bash
            echo "$*" > "{{_work}}/dotnet-args.txt"
            while [ $# -gt 0 ]; do
              if [ "$1" = "-o" ]; then out="$2"; fi
              shift
            done
            mkdir -p "$out"
            printf 'native ticket api' > "$out/MspSupport.TicketFunctions"
            chmod 755 "$out/MspSupport.TicketFunctions"
            echo '{}' > "$out/appsettings.json"
            echo '{ "Auth": { "ApiKeys": [] } }' > "$out/appsettings.Development.json"
            echo 'symbols' > "$out/MspSupport.TicketFunctions.dbg"
            {{sqlite}}
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return bin;
    }

    private (int ExitCode, string Output) RunScript(string dotnetDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryRoot.File("deploy", "lambda", "build-zip.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = $"{dotnetDirectory}:{Environment.GetEnvironmentVariable("PATH")}";
        // Keep the stand-in's publish folder out of the checkout's artifacts.
        start.Environment["BUILD_ZIP_PUBLISH_DIR"] = Path.Combine(_work, "publish");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
