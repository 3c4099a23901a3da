using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClaudeDbKit.Bench;

/// <summary>
/// One call of the workload: the API function it exercises, whether it writes, whether it audits every row by design (the
/// seq-scan guard lets it scan), and its SQL with placeholders.
/// </summary>
internal sealed record WorkloadCall(string Function, bool Writes, bool Audits, string Sql);

/// <summary>
/// <c>bench/sql/workload.sql</c>: a <c>-- @values</c> query whose columns name the placeholders, then one
/// <c>-- @call &lt;function&gt; read|write [audit]</c> section per API call. Shared by the benchmark, which times the
/// calls, and by the test suite, which checks that no call scans a large table.
/// </summary>
internal sealed partial class Workload
{
    private Workload(string valuesSql, IReadOnlyList<WorkloadCall> calls)
    {
        ValuesSql = valuesSql;
        Calls = calls;
    }

    /// <summary>The query that picks the rows the calls work on; one row, a column per placeholder.</summary>
    public string ValuesSql { get; }

    public IReadOnlyList<WorkloadCall> Calls { get; }

    public static Workload Load(string path) => Parse(File.ReadAllText(path), path);

    public static Workload Parse(string text, string source)
    {
        string? values = null;
        var calls = new List<WorkloadCall>();
        string? header = null;
        var body = new StringBuilder();

        void Flush()
        {
            if (header is null)
                return;
            if (header == "@values")
                values = body.ToString().Trim();
            else
            {
                var parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length is not (3 or 4) || parts[2] is not ("read" or "write") || (parts.Length == 4 && parts[3] != "audit"))
                    throw new FormatException($"{source}: '-- {header}' must be '-- @call <function> read|write [audit]'.");
                calls.Add(new WorkloadCall(parts[1], parts[2] == "write", parts.Length == 4, body.ToString().Trim()));
            }
            body.Clear();
        }

        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("-- @", StringComparison.Ordinal))
            {
                Flush();
                header = trimmed[3..].Trim();
            }
            else if (header is not null && !trimmed.StartsWith("--", StringComparison.Ordinal))
                body.Append(trimmed).Append('\n');
        }
        Flush();
        return new Workload(values ?? throw new FormatException($"{source}: no '-- @values' section."), calls);
    }

    /// <summary>The call as the benchmark repeats it: bound, and a write wrapped in BEGIN … ROLLBACK so that every iteration sees the same data.</summary>
    public static string Repeatable(WorkloadCall call, IReadOnlyDictionary<string, string?> values) =>
        call.Writes ? $"BEGIN;\n{Bind(call, values)}\nROLLBACK;" : Bind(call, values);

    /// <summary>The call's SQL with every <c>:'name'</c> replaced by the value as a quoted literal.</summary>
    public static string Bind(WorkloadCall call, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(call.Sql, match =>
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
                throw new KeyNotFoundException($"call {call.Function} uses :'{name}', which the @values query does not return.");
            return value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        });

    /// <summary>Runs <see cref="ValuesSql"/> and returns its one row as invariant text, a value per placeholder.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> ReadValuesAsync(Npgsql.NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var query = new Npgsql.NpgsqlCommand(ValuesSql, connection);
        await using var row = await query.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
            throw new InvalidOperationException("The @values query of the workload returned no row: was the data generated?");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < row.FieldCount; i++)
            values[row.GetName(i)] = row.IsDBNull(i) ? null : Convert.ToString(row.GetValue(i), CultureInfo.InvariantCulture);
        return values;
    }

    [GeneratedRegex(@":'([a-z_]+)'")]
    private static partial Regex Placeholder();
}
