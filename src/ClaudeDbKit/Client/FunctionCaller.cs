using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace ClaudeDbKit.Client;

/// <summary>Runs one SQL function call per round trip and turns server errors into the toolkit's typed exceptions.</summary>
internal sealed partial class FunctionCaller(NpgsqlDataSource dataSource)
{
    public async Task<T?> ScalarAsync<T>(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        return await RunAsync(async command =>
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is null or DBNull ? default : (T)value;
        }, sql, parameters, cancellationToken).ConfigureAwait(false);
    }

    public Task ExecuteAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(command => command.ExecuteNonQueryAsync(cancellationToken), sql, parameters, cancellationToken);

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, NpgsqlParameter[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<T>>(async command =>
        {
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                rows.Add(map(reader));
            return rows;
        }, sql, parameters, cancellationToken);

    /// <summary>Runs <paramref name="setup"/> (e.g. <c>SET LOCAL</c>) and then the call in one transaction.</summary>
    public async Task<T?> ScalarInTransactionAsync<T>(string setup, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            RefuseNulBytes(sql, parameters);
            await using (var prepare = new NpgsqlCommand(setup, connection, transaction))
                await prepare.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddRange(parameters);
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return value is null or DBNull ? default : (T)value;
        }
        catch (NpgsqlException e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<T> RunAsync<T>(Func<NpgsqlCommand, Task<T>> run, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        try
        {
            RefuseNulBytes(sql, parameters);
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddRange(parameters);
            return await run(command).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// PostgreSQL text cannot hold a NUL character, and the server's refusal (22021, invalid byte
    /// sequence) names neither the function nor the value: refuse it here as the database would refuse
    /// an invalid value (CD001), naming the parameter. Nothing is sent.
    /// </summary>
    private static void RefuseNulBytes(string sql, NpgsqlParameter[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var hasNul = parameters[i].Value switch
            {
                string text => text.Contains('\0', StringComparison.Ordinal),
                string[] texts => texts.Any(t => t is not null && t.Contains('\0', StringComparison.Ordinal)),
                _ => false,
            };
            if (!hasNul)
                continue;
            var name = ParameterNames().Matches(sql).FirstOrDefault(m => m.Groups[2].Value == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))?.Groups[1].Value
                       ?? $"parameter {i + 1}";
            throw new InvalidValueException(new PostgresException(
                $"{name} contains a NUL character (\\0), which PostgreSQL text cannot store", "ERROR", "ERROR", "CD001",
                hint: "Remove the NUL characters (U+0000) from the value; nothing was sent to the database."));
        }
    }

    [GeneratedRegex(@"\b(p_\w+)\s*=>\s*\$(\d+)\b")]
    private static partial Regex ParameterNames();

    // CD-class errors become typed exceptions; other server errors pass through; a failure to reach
    // the server becomes DatabaseUnavailableException.
    private static ClaudeDbException? Translate(NpgsqlException e) => e is PostgresException pg
        ? ClaudeDbApiException.FromPostgres(pg)
        : new DatabaseUnavailableException($"The database could not be reached: {e.Message}", e);
}
