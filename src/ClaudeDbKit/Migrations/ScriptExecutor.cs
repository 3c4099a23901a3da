using System.Diagnostics;
using Npgsql;

namespace ClaudeDbKit.Migrations;

/// <summary>Runs one script statement by statement, in a transaction with its journal row unless it opts out.</summary>
internal static class ScriptExecutor
{
    public static async Task ExecuteAsync(
        NpgsqlConnection connection, SqlScript script, Journal journal, MigrationOptions options, CancellationToken cancellationToken)
    {
        var statements = SqlStatementSplitter.Split(script.Content);
        var clock = Stopwatch.StartNew();
        // The server enforces statement_timeout; the client must not add its own 30 s default.
        var commandTimeout = options.StatementTimeout is { } limit ? (int)Math.Ceiling(limit.TotalSeconds) + 5 : 0;

        await using var transaction = script.RunsInTransaction
            ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;

        foreach (var statement in statements)
        {
            string? generated = null;
            try
            {
                await using var command = new NpgsqlCommand(statement.Text, connection, transaction) { CommandTimeout = commandTimeout };
                if (!statement.ExecutesResult)
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                foreach (var text in await ReadValuesAsync(command, cancellationToken).ConfigureAwait(false))
                {
                    generated = text;
                    await using var run = new NpgsqlCommand(text, connection, transaction) { CommandTimeout = commandTimeout };
                    await run.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PostgresException e)
            {
                if (transaction is not null)
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                // A generated statement's error position is in text the file does not hold: point at the query that produced it.
                var (line, column) = Locate(script.Content, statement, generated is null ? e.Position : 0);
                throw new MigrationScriptException(script.Name, line, column, e, generated);
            }
        }

        await journal.RecordAsync(connection, script, clock.ElapsedMilliseconds, cancellationToken).ConfigureAwait(false);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // psql's \gexec order: row by row, left to right, NULLs skipped. All values are read before any
    // runs, because the connection carries one command at a time.
    private static async Task<List<string>> ReadValuesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!await reader.IsDBNullAsync(i, cancellationToken).ConfigureAwait(false))
                    values.Add(reader.GetValue(i).ToString() ?? "");
            }
        }
        return values;
    }

    /// <summary>Line and column in the whole script of a 1-based position inside <paramref name="statement"/>; without a position, where the statement's code starts.</summary>
    internal static (int Line, int Column) Locate(string script, SqlStatement statement, int position)
    {
        int offset;
        if (position > 0)
            offset = statement.Offset + position - 1;
        else
        {
            offset = statement.Offset;
            while (offset < script.Length && char.IsWhiteSpace(script[offset]))
                offset++;
        }
        offset = Math.Clamp(offset, 0, script.Length);

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (script[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }
}
