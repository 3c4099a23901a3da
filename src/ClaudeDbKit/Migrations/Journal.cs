using Npgsql;

namespace ClaudeDbKit.Migrations;

/// <summary>
/// <c>claude.schemaversions</c>: DbUp's PostgreSQL journal shape plus nullable columns DbUp ignores
/// (checksum, kind, execution_ms, applied_by). A table DbUp created is adopted by adding those columns.
/// </summary>
internal sealed class Journal
{
    public const string Schema = "claude";
    public const string Table = "schemaversions";
    public const string QualifiedName = Schema + "." + Table;

    private readonly string _appliedBy;

    public Journal(string appliedBy) => _appliedBy = appliedBy;

    private const string EnsureSql = """
        DO $ensure_journal$
        BEGIN
            IF to_regnamespace('claude') IS NULL THEN
                CREATE SCHEMA claude;
            END IF;
            IF to_regclass('claude.schemaversions') IS NULL THEN
                CREATE TABLE claude.schemaversions (
                    schemaversionsid serial NOT NULL,
                    scriptname character varying(255) NOT NULL,
                    applied timestamp without time zone NOT NULL,
                    CONSTRAINT "PK_schemaversions_Id" PRIMARY KEY (schemaversionsid));
                COMMENT ON TABLE claude.schemaversions IS
                    'Scripts applied by ClaudeDbKit (DbUp-compatible journal; checksum, kind, execution_ms and applied_by are ClaudeDbKit extensions).';
            END IF;
            IF NOT EXISTS (SELECT FROM pg_attribute
                           WHERE attrelid = 'claude.schemaversions'::regclass AND attname = 'checksum' AND NOT attisdropped) THEN
                ALTER TABLE claude.schemaversions
                    ADD COLUMN IF NOT EXISTS checksum character varying(64),
                    ADD COLUMN IF NOT EXISTS kind character varying(20),
                    ADD COLUMN IF NOT EXISTS execution_ms integer,
                    ADD COLUMN IF NOT EXISTS applied_by character varying(255);
            END IF;
        END
        $ensure_journal$
        """;

    private const string ReadExtendedSql = "SELECT scriptname, applied, checksum, kind FROM claude.schemaversions ORDER BY schemaversionsid";
    private const string ReadDbUpSql = "SELECT scriptname, applied, NULL::text, NULL::text FROM claude.schemaversions ORDER BY schemaversionsid";

    /// <summary>
    /// Creates the schema and the journal, or extends a DbUp journal, touching only what is missing so that a role without
    /// CREATE on the database can deploy into an existing schema; then reads it. One round trip: a deployment with
    /// nothing to do spends its time on this call.
    /// </summary>
    public static async Task<IReadOnlyList<JournalEntry>> EnsureAndReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand(EnsureSql), new NpgsqlBatchCommand(ReadExtendedSql) },
        };
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadEntriesAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// All rows in the order they were written; empty when the journal does not exist yet (a dry run creates nothing).
    /// Reads the extended journal in one round trip and falls back only for a missing journal or a DbUp one; must not
    /// run inside a transaction, which the first failure would abort.
    /// </summary>
    public static async Task<IReadOnlyList<JournalEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(connection, ReadExtendedSql, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return [];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedColumn)
        {
            return await ReadAsync(connection, ReadDbUpSql, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<JournalEntry>> ReadAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadEntriesAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<JournalEntry>> ReadEntriesAsync(NpgsqlDataReader rows, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new JournalEntry(
                rows.GetString(0),
                rows.GetDateTime(1),
                rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.IsDBNull(3) ? null : rows.GetString(3)));
        }
        return entries;
    }

    /// <summary>Writes the journal row for <paramref name="script"/>; inside the script's transaction when it has one.</summary>
    public async Task RecordAsync(NpgsqlConnection connection, SqlScript script, long executionMs, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO claude.schemaversions (scriptname, applied, checksum, kind, execution_ms, applied_by)
            VALUES ($1, timezone('UTC', now()), $2, $3, $4, $5)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = script.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
        command.Parameters.Add(new NpgsqlParameter { Value = script.Kind == ScriptKind.Migration ? "migration" : "function" });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)Math.Min(executionMs, int.MaxValue) });
        command.Parameters.Add(new NpgsqlParameter { Value = _appliedBy });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
