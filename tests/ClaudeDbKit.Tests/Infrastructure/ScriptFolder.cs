namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>A temporary folder with migrations/ and functions/ that a test writes scripts into.</summary>
public sealed class ScriptFolder : IDisposable
{
    public ScriptFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "claudedbkit-scripts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "migrations"));
        Directory.CreateDirectory(Path.Combine(Root, "functions"));
    }

    public string Root { get; }

    public ScriptFolder Migration(string fileName, string sql)
    {
        File.WriteAllText(Path.Combine(Root, "migrations", fileName), sql);
        return this;
    }

    public ScriptFolder Function(string fileName, string sql)
    {
        File.WriteAllText(Path.Combine(Root, "functions", fileName), sql);
        return this;
    }

    public ClaudeDbKit.Migrations.DirectoryScriptSource Source => new(Root);

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
