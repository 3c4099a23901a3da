using System.Diagnostics;
using System.Globalization;
using ClaudeDbKit.Connections;
using Npgsql;

namespace ClaudeDbKit.Migrations;

/// <summary>
/// Deploys the <c>claude</c> schema: run-once migrations, then repeatable function scripts whose
/// checksum changed, each in its own transaction with its journal row, under a deployment lock.
/// </summary>
public sealed class MigrationRunner
{
    private const string DeadlockDetected = "40P01";
    private const int DeadlockAttempts = 3;

    private readonly NpgsqlConnectionStringBuilder _connection;
    private readonly MigrationOptions _options;

    public MigrationRunner(string connectionString, MigrationOptions? options = null)
    {
        _options = options ?? new MigrationOptions();
        _connection = ConnectionStrings.Parse(connectionString);
        // One physical connection holds the session-level deployment lock; a pooled one could carry it
        // (or lose it to DISCARD ALL) behind our back.
        _connection.Pooling = false;
        // Timeouts travel in the startup packet rather than costing a round trip of SET commands.
        _connection.Options = $"{_connection.Options} -c statement_timeout={Milliseconds(_options.StatementTimeout)} -c lock_timeout={Milliseconds(_options.LockTimeout)}".Trim();
        if (string.IsNullOrEmpty(_connection.ApplicationName))
            _connection.ApplicationName = "claudedbkit-migrate";
    }

    /// <summary>Each script of this build and each journaled script, with its state. Changes nothing.</summary>
    public async Task<IReadOnlyList<ScriptStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var scripts = _options.Scripts.LoadScripts();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var journal = await Journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        return MigrationPlanner.Compare(scripts, journal);
    }

    /// <summary>Applies what is pending. In a dry run, reports what would be applied and changes nothing.</summary>
    /// <exception cref="ChangedMigrationsException">An applied migration was edited; nothing ran.</exception>
    /// <exception cref="MigrationScriptException">A script failed; it was rolled back and later scripts did not run.</exception>
    /// <exception cref="DeploymentLockTimeoutException">Another deployment held the lock too long.</exception>
    public async Task<MigrationResult> MigrateAsync(IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var scripts = _options.Scripts.LoadScripts();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        Report(progress, $"Deploying {_options.Scripts.Description} to {ConnectionStrings.Describe(_connection)}{(_options.DryRun ? " (dry run)" : "")}.", null, 0, 0);

        if (_options.DryRun)
        {
            var status = MigrationPlanner.Compare(scripts, await Journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false));
            var work = PlanWork(scripts, status);
            return new MigrationResult(true, work.Select(w => new ScriptOutcome(w.Status.Name, w.Status.Kind,
                w.AcceptOnly ? ScriptAction.WouldAccept : ScriptAction.WouldApply, TimeSpan.Zero)).ToList(), status);
        }

        await using (await DeploymentLock.AcquireAsync(connection, _options.LockWait,
                         message => Report(progress, message, null, 0, 0), cancellationToken).ConfigureAwait(false))
        {
            // Read only now, under the lock: a deployment that finished while we waited has changed it.
            var status = MigrationPlanner.Compare(scripts, await Journal.EnsureAndReadAsync(connection, cancellationToken).ConfigureAwait(false));
            var work = PlanWork(scripts, status);
            var byName = scripts.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var journal = new Journal(AppliedBy());
            var outcomes = new List<ScriptOutcome>(work.Count);

            for (var i = 0; i < work.Count; i++)
            {
                var script = byName[work[i].Status.Name];
                var clock = Stopwatch.StartNew();
                if (work[i].AcceptOnly)
                {
                    Report(progress, $"Accepting the edited {script.Name} without running it.", script.Name, i, work.Count);
                    await journal.RecordAsync(connection, script, 0, cancellationToken).ConfigureAwait(false);
                    outcomes.Add(new ScriptOutcome(script.Name, script.Kind, ScriptAction.Accepted, clock.Elapsed));
                    continue;
                }

                Report(progress, $"Applying {script.Name}{(script.RunsInTransaction ? "" : " (outside a transaction)")}.", script.Name, i, work.Count);
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await ScriptExecutor.ExecuteAsync(connection, script, journal, _options, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    // A deadlock with a client (the script locks tables in another order than the client's
                    // transaction) rolled the whole script back: nothing of it stays, so it can simply run again.
                    catch (MigrationScriptException e) when (e.SqlState == DeadlockDetected && script.RunsInTransaction && attempt < DeadlockAttempts)
                    {
                        Report(progress, $"{script.Name} was rolled back by a deadlock with another client ({e.Message.Split('\n')[0]}); running it again, attempt {attempt + 1} of {DeadlockAttempts}.",
                               script.Name, i, work.Count);
                        await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken).ConfigureAwait(false);
                    }
                }
                outcomes.Add(new ScriptOutcome(script.Name, script.Kind, ScriptAction.Applied, clock.Elapsed));
            }

            Report(progress, work.Count == 0 ? "Nothing to apply: the database is up to date." : $"Applied {work.Count} script(s).", null, work.Count, work.Count);
            var after = work.Count == 0
                ? status
                : MigrationPlanner.Compare(scripts, await Journal.ReadAsync(connection, cancellationToken).ConfigureAwait(false));
            return new MigrationResult(false, outcomes, after);
        }
    }

    private readonly record struct PlannedScript(ScriptStatus Status, bool AcceptOnly);

    private List<PlannedScript> PlanWork(IReadOnlyList<SqlScript> scripts, IReadOnlyList<ScriptStatus> status)
    {
        var changedMigrations = status.Where(s => s.Kind == ScriptKind.Migration && s.State == ScriptState.Changed).Select(s => s.Name).ToList();
        if (changedMigrations.Count > 0 && !_options.AcceptChangedMigrations)
            throw new ChangedMigrationsException(changedMigrations);

        var after = scripts.Where(s => s.RunsAfterFunctions).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var work = status
            .Where(s => s.State is ScriptState.Pending or ScriptState.Changed && !after.Contains(s.Name))
            .Select(s => new PlannedScript(s, AcceptOnly: s.Kind == ScriptKind.Migration && s.State == ScriptState.Changed))
            .ToList();
        // An after-functions script re-grants and re-secures what re-created functions lost, so it runs
        // last, and again whenever anything else ran or role names were given.
        var rerun = work.Any(w => !w.AcceptOnly) || _options.AppRole is not null || _options.ReaderRole is not null;
        work.AddRange(status
            .Where(s => after.Contains(s.Name) && (rerun || s.State is ScriptState.Pending or ScriptState.Changed))
            .Select(s => new PlannedScript(s, AcceptOnly: false)));
        return work;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connection.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SetRoleNamesAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The role names travel to the scripts as session settings (read with current_setting), never spliced into SQL.</summary>
    private async Task SetRoleNamesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_options.AppRole is null && _options.ReaderRole is null)
            return;
        await using var command = new NpgsqlCommand(
            "SELECT set_config('claudedbkit.app_role', coalesce($1, ''), false), set_config('claudedbkit.reader_role', coalesce($2, ''), false)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)_options.AppRole ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)_options.ReaderRole ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Milliseconds(TimeSpan? value) =>
        ((long)(value?.TotalMilliseconds ?? 0)).ToString(CultureInfo.InvariantCulture);

    private static string AppliedBy() =>
        $"{Environment.UserName}@{Environment.MachineName} (ClaudeDbKit {typeof(MigrationRunner).Assembly.GetName().Version?.ToString(3)})";

    private static void Report(IProgress<MigrationProgress>? progress, string message, string? script, int completed, int total) =>
        progress?.Report(new MigrationProgress(message, script, completed, total));
}
