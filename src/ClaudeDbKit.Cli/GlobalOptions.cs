using System.CommandLine;

namespace ClaudeDbKit.Cli;

/// <summary>Options every database command takes.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Connection { get; } = new("--connection", "-c")
    {
        Description = "Npgsql connection string or postgres:// URL (default: $CLAUDEDB_CONNECTION).",
        Recursive = true,
    };

    public Option<bool> Local { get; } = new("--local")
    {
        Description = "Use a private local PostgreSQL server, created and started when needed.",
        Recursive = true,
    };

    public Option<string?> LocalDirectory { get; } = new("--local-dir")
    {
        Description = "Folder of the --local server (default: $CLAUDEDB_HOME/local or ~/.claudedb/local).",
        Recursive = true,
    };

    public Option<string?> ScriptsPath { get; } = new("--scripts-path")
    {
        Description = "Read migrations/ and functions/ from this folder instead of the copy built into claudedb.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write results as JSON on stdout.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Connection);
        command.Options.Add(Local);
        command.Options.Add(LocalDirectory);
        command.Options.Add(ScriptsPath);
        command.Options.Add(Json);
    }
}
