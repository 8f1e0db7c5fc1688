namespace MspSupport.Infra.Tests;

/// <summary>The checkout the tests run from, found by walking up to the solution file.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "MspSupport.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MspSupport.sln above {AppContext.BaseDirectory}.");
    }
}
