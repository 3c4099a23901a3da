using System.Diagnostics;

namespace ClaudeDbKit.Local;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) installed on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>Set to a folder holding initdb and pg_ctl to override the search.</summary>
    public const string EnvironmentVariable = "CLAUDEDB_PG_BIN";

    /// <summary>The exact command that installs the server on Debian and Ubuntu.</summary>
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y postgresql";

    /// <summary>The folder with initdb and pg_ctl: $CLAUDEDB_PG_BIN, then <c>pg_config --bindir</c>, then the newest /usr/lib/postgresql/*/bin, then PATH.</summary>
    /// <exception cref="ClaudeDbException">No server is installed; the message gives the command that installs one.</exception>
    public static string Locate()
    {
        foreach (var candidate in Candidates())
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
                return candidate;
        }
        throw new ClaudeDbException("PostgresNotInstalled",
            "No PostgreSQL server programs (initdb, pg_ctl) were found: not in $" + EnvironmentVariable +
            ", not at 'pg_config --bindir', not under /usr/lib/postgresql/*/bin, not on PATH. " +
            $"Install the server ({InstallCommand}) or give a connection to an existing server (--connection or ${Connections.ConnectionStrings.EnvironmentVariable}).");
    }

    private static IEnumerable<string?> Candidates()
    {
        yield return Environment.GetEnvironmentVariable(EnvironmentVariable);
        yield return PgConfigBinDir();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            foreach (var dir in Directory.GetDirectories("/usr/lib/postgresql")
                         .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                yield return Path.Combine(dir, "bin");
        }
        yield return "/usr/local/pgsql/bin";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            yield return dir;
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
