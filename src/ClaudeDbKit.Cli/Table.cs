using System.Globalization;

namespace ClaudeDbKit.Cli;

/// <summary>Writes rows as an aligned plain-text table.</summary>
internal static class Table
{
    public static void Write<T>(TextWriter output, IReadOnlyList<T> rows, params (string Header, Func<T, object?> Value)[] columns)
    {
        if (rows.Count == 0)
        {
            output.WriteLine("(none)");
            return;
        }
        var cells = rows.Select(r => columns.Select(c => Format(c.Value(r))).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Header.Length, cells.Max(row => row[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", columns.Select((c, i) => c.Header.PadRight(widths[i]))).TrimEnd());
        foreach (var row in cells)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        string s => OneLine(s),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    // Long or multi-line text would wreck the table; the JSON output has the full value.
    private static string OneLine(string s)
    {
        var flat = s.ReplaceLineEndings(" ");
        return flat.Length <= 60 ? flat : flat[..57] + "...";
    }
}
