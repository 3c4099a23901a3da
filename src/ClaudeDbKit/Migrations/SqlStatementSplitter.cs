namespace ClaudeDbKit.Migrations;

/// <summary>One statement of a script and where it starts, so server error positions map back to file lines.</summary>
/// <param name="Text">The statement as it stands in the script, without its semicolon.</param>
/// <param name="Offset">Where <paramref name="Text"/> starts in the script.</param>
/// <param name="ExecutesResult">Ended by psql's <c>\gexec</c>: every non-null value the query returns is run as a statement of its own.</param>
internal readonly record struct SqlStatement(string Text, int Offset, bool ExecutesResult = false);

/// <summary>
/// Splits a script at top-level semicolons. Quoted text of every PostgreSQL kind (strings, E-strings,
/// quoted identifiers, dollar quotes with any tag, comments, <c>BEGIN ATOMIC</c> bodies) passes through
/// untouched: statements are substrings of the script, never rewritten. A line holding only psql's
/// <c>\gexec</c> also ends a statement, so a no-transaction script can decide in SQL whether to run a
/// statement that no function may run (<c>CREATE INDEX CONCURRENTLY</c>) and still run as it is in psql.
/// </summary>
internal static class SqlStatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        var statements = new List<SqlStatement>();
        var start = 0;
        var atomicDepth = 0;
        var previousWord = "";
        var i = 0;

        while (i < script.Length)
        {
            var c = script[i];
            var next = i + 1 < script.Length ? script[i + 1] : '\0';

            if (c == '-' && next == '-')
                i = SkipLineComment(script, i);
            else if (c == '/' && next == '*')
                i = SkipBlockComment(script, i);
            else if (c == '\'')
                i = SkipQuoted(script, i, '\'', backslashEscapes: IsEscapeStringPrefix(script, i));
            else if (c == '"')
                i = SkipQuoted(script, i, '"', backslashEscapes: false);
            else if (c == '$' && TryReadDollarTag(script, i, out var tag))
                i = SkipDollarQuoted(script, i, tag);
            else if (IsIdentifierStart(c))
            {
                var end = i;
                while (end < script.Length && IsIdentifierPart(script[end]))
                    end++;
                var word = script[i..end];
                atomicDepth = TrackAtomicDepth(atomicDepth, previousWord, word);
                previousWord = word;
                i = end;
            }
            else if (c == ';' && atomicDepth == 0)
            {
                Add(statements, script, start, i);
                start = i + 1;
                i++;
            }
            else if (c == '\\' && atomicDepth == 0 && TryReadGexecLine(script, i, out var lineEnd))
            {
                Add(statements, script, start, i, executesResult: true);
                start = lineEnd;
                i = lineEnd;
            }
            else
                i++;
        }

        Add(statements, script, start, script.Length);
        return statements;
    }

    // BEGIN ATOMIC ... END bodies (SQL-standard function bodies) contain semicolons of their own;
    // CASE ... END inside them must not close the body early.
    private static int TrackAtomicDepth(int depth, string previousWord, string word)
    {
        if (word.Equals("ATOMIC", StringComparison.OrdinalIgnoreCase) && previousWord.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            return depth + 1;
        if (depth == 0)
            return 0;
        if (word.Equals("CASE", StringComparison.OrdinalIgnoreCase) && !previousWord.Equals("END", StringComparison.OrdinalIgnoreCase))
            return depth + 1;
        if (word.Equals("END", StringComparison.OrdinalIgnoreCase))
            return depth - 1;
        return depth;
    }

    private static void Add(List<SqlStatement> statements, string script, int start, int end, bool executesResult = false)
    {
        var text = script[start..end];
        if (HasCode(text))
            statements.Add(new SqlStatement(text, start, executesResult));
        else if (executesResult)
            throw new FormatException($"\\gexec on line {script.AsSpan(0, end).Count('\n') + 1} follows no query: put it on the line after the SELECT whose values it runs.");
    }

    // \gexec counts only alone on its line (surrounding blanks allowed), as psql reads it.
    private static bool TryReadGexecLine(string s, int i, out int lineEnd)
    {
        const string command = "\\gexec";
        lineEnd = i;
        var lineStart = i;
        while (lineStart > 0 && s[lineStart - 1] is ' ' or '\t')
            lineStart--;
        if (lineStart > 0 && s[lineStart - 1] != '\n')
            return false;
        if (string.CompareOrdinal(s, i, command, 0, command.Length) != 0)
            return false;
        var j = i + command.Length;
        while (j < s.Length && s[j] is ' ' or '\t' or '\r')
            j++;
        if (j < s.Length && s[j] != '\n')
            return false;
        lineEnd = j < s.Length ? j + 1 : j;
        return true;
    }

    // A chunk made only of whitespace and comments is not a statement.
    private static bool HasCode(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
                i++;
            else if (c == '-' && next == '-')
                i = SkipLineComment(text, i);
            else if (c == '/' && next == '*')
                i = SkipBlockComment(text, i);
            else
                return true;
        }
        return false;
    }

    private static int SkipLineComment(string s, int i)
    {
        var end = s.IndexOf('\n', i);
        return end < 0 ? s.Length : end + 1;
    }

    private static int SkipBlockComment(string s, int i)
    {
        var depth = 0;
        while (i < s.Length)
        {
            if (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '*') { depth++; i += 2; }
            else if (s[i] == '*' && i + 1 < s.Length && s[i + 1] == '/') { depth--; i += 2; if (depth == 0) return i; }
            else i++;
        }
        return s.Length;
    }

    private static bool IsEscapeStringPrefix(string s, int quote) =>
        quote > 0 && (s[quote - 1] == 'E' || s[quote - 1] == 'e') && (quote < 2 || !IsIdentifierPart(s[quote - 2]));

    private static int SkipQuoted(string s, int i, char quote, bool backslashEscapes)
    {
        i++;
        while (i < s.Length)
        {
            if (backslashEscapes && s[i] == '\\') { i += 2; continue; }
            if (s[i] == quote)
            {
                if (i + 1 < s.Length && s[i + 1] == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.Length;
    }

    // $tag$ opens a dollar quote only where a token can start: not inside an identifier (a$b) and not $1.
    private static bool TryReadDollarTag(string s, int i, out string tag)
    {
        tag = "";
        if (i > 0 && IsIdentifierPart(s[i - 1]))
            return false;
        var j = i + 1;
        if (j < s.Length && char.IsAsciiDigit(s[j]))
            return false;
        while (j < s.Length && IsIdentifierPart(s[j]) && s[j] != '$')
            j++;
        if (j >= s.Length || s[j] != '$')
            return false;
        tag = s[i..(j + 1)];
        return true;
    }

    private static int SkipDollarQuoted(string s, int i, string tag)
    {
        var close = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
        return close < 0 ? s.Length : close + tag.Length;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';
}
