using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace ClaudeDbKit.Local;

/// <summary>
/// A private PostgreSQL cluster in a folder of its own, listening on 127.0.0.1 only, with a generated
/// password: the toolkit's "no server needed" default (<c>claudedb --local</c>) and the test suite's
/// throwaway server.
/// </summary>
public sealed class LocalCluster
{
    /// <summary>The OS account that runs the server when the toolkit runs as root.</summary>
    public const string ServerOsUser = "postgres";

    /// <summary>The database role created by initdb.</summary>
    public const string SuperUser = "postgres";

    private const string StateFileName = "cluster.json";

    private readonly string _directory;
    private readonly bool _throwaway;

    /// <param name="directory">Folder for the cluster: <c>data/</c>, <c>server.log</c> and <c>cluster.json</c> (port and password, readable by the owner only).</param>
    /// <param name="throwaway">Trade durability for speed (fsync off): for tests and benchmarks, never for data you keep.</param>
    public LocalCluster(string directory, bool throwaway = false)
    {
        _directory = Path.GetFullPath(directory);
        _throwaway = throwaway;
    }

    public string Directory => _directory;

    public string DataDirectory => Path.Combine(_directory, "data");

    public string LogFile => Path.Combine(_directory, "server.log");

    /// <summary>The default folder for <c>claudedb --local</c>: <c>$CLAUDEDB_HOME/local</c>, else <c>~/.claudedb/local</c>; as root <c>/var/lib/claudedb/local</c>, because the server's own account cannot enter root's home.</summary>
    public static string DefaultDirectory()
    {
        var home = Environment.GetEnvironmentVariable("CLAUDEDB_HOME");
        if (!string.IsNullOrEmpty(home))
            return Path.Combine(home, "local");
        if (ExternalProcess.IsRoot)
            return "/var/lib/claudedb/local";
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".claudedb", "local");
    }

    /// <summary>Creates the cluster if the folder has none, starts it if it is not running, and returns a connection string to <paramref name="database"/> (created when missing).</summary>
    public async Task<string> EnsureRunningAsync(string database, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        var state = File.Exists(Path.Combine(DataDirectory, "PG_VERSION")) && File.Exists(StatePath)
            ? ReadState()
            : await InitializeAsync(binaries, log, cancellationToken).ConfigureAwait(false);

        if (!await IsRunningAsync(binaries, cancellationToken).ConfigureAwait(false))
        {
            if (!IsPortFree(state.Port))
            {
                state = state with { Port = FreePort() };
                WriteState(state);
            }
            log?.Invoke($"Starting the local PostgreSQL server in {_directory} on port {state.Port}.");
            await ExternalProcess.RunCheckedAsync(Path.Combine(binaries, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {state.Port}", "start"],
                asServerUser: true, cancellationToken).ConfigureAwait(false);
        }

        var admin = Builder(state, "postgres");
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                log?.Invoke($"Creating database {database}.");
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return Builder(state, database).ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown) if it runs.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            return;
        var binaries = PostgresBinaries.Locate();
        if (await IsRunningAsync(binaries, cancellationToken).ConfigureAwait(false))
            await ExternalProcess.RunCheckedAsync(Path.Combine(binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"],
                asServerUser: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server and deletes the whole folder.</summary>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            {
                var binaries = PostgresBinaries.Locate();
                await ExternalProcess.RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"],
                    asServerUser: true, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (System.IO.Directory.Exists(_directory))
                System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>
    /// Starts a process, detached from this one, that stops the server and deletes the folder once
    /// <paramref name="ownerProcessId"/> has exited, so a crashed or killed test run leaves nothing behind.
    /// </summary>
    public void RemoveWhenProcessExits(int ownerProcessId)
    {
        var pgCtl = Path.Combine(PostgresBinaries.Locate(), "pg_ctl");
        var stop = ExternalProcess.IsRoot ? $"runuser -u {ServerOsUser} -- '{pgCtl}'" : $"'{pgCtl}'";
        var watch = $"while kill -0 {ownerProcessId} 2>/dev/null; do sleep 1; done; " +
                    $"{stop} -D '{DataDirectory}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{_directory}'";
        // The outer shell exits at once, so the watcher is re-parented to init and outlives a killed process tree.
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"setsid sh -c \"{watch.Replace("\"", "\\\"", StringComparison.Ordinal)}\" </dev/null >/dev/null 2>&1 &");
        using var process = Process.Start(start);
        process?.WaitForExit();
    }

    internal sealed record ClusterState(int Port, string User, string Password);

    /// <summary>The file holding the port and the generated password, readable by the owner only.</summary>
    public string StatePath => Path.Combine(_directory, StateFileName);

    private async Task<ClusterState> InitializeAsync(string binaries, Action<string>? log, CancellationToken cancellationToken)
    {
        log?.Invoke($"Creating a local PostgreSQL cluster in {_directory} (server programs from {binaries}).");
        System.IO.Directory.CreateDirectory(_directory);
        if (System.IO.Directory.Exists(DataDirectory) && System.IO.Directory.EnumerateFileSystemEntries(DataDirectory).Any())
            throw new ClaudeDbException("LocalServerFailed",
                $"{DataDirectory} is not empty but holds no complete cluster (no PG_VERSION or {StateFileName}). Move it away or delete it, then run again.");

        var state = new ClusterState(FreePort(), SuperUser, Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant());
        var passwordFile = Path.Combine(_directory, "initdb-password");
        await File.WriteAllTextAsync(passwordFile, state.Password, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (ExternalProcess.IsRoot)
                await ExternalProcess.RunCheckedAsync("chown", ["-R", ServerOsUser, _directory], asServerUser: false, cancellationToken).ConfigureAwait(false);

            await ExternalProcess.RunCheckedAsync(Path.Combine(binaries, "initdb"),
                ["-D", DataDirectory, "-U", state.User, "--pwfile", passwordFile, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                 "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
                asServerUser: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new List<string>
        {
            "",
            "# Written by ClaudeDbKit: loopback TCP only, no Unix socket (its default folder may not be writable).",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 200",
        };
        if (_throwaway)
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        var configFile = Path.Combine(DataDirectory, "postgresql.conf");
        await File.AppendAllLinesAsync(configFile, settings, cancellationToken).ConfigureAwait(false);

        WriteState(state);
        return state;
    }

    private async Task<bool> IsRunningAsync(string binaries, CancellationToken cancellationToken)
    {
        var result = await ExternalProcess.RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", DataDirectory, "status"],
            asServerUser: true, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    private ClusterState ReadState() =>
        JsonSerializer.Deserialize(File.ReadAllText(StatePath), LocalClusterJson.Default.ClusterState)
        ?? throw new ClaudeDbException("LocalServerFailed", $"{StatePath} is empty or damaged; delete {_directory} to start over.");

    private void WriteState(ClusterState state)
    {
        File.WriteAllText(StatePath, JsonSerializer.Serialize(state, LocalClusterJson.Default.ClusterState));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(StatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static NpgsqlConnectionStringBuilder Builder(ClusterState state, string database) => new()
    {
        Host = "127.0.0.1",
        Port = state.Port,
        Username = state.User,
        Password = state.Password,
        Database = database,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

}

[System.Text.Json.Serialization.JsonSerializable(typeof(LocalCluster.ClusterState))]
internal sealed partial class LocalClusterJson : System.Text.Json.Serialization.JsonSerializerContext;
