using Npgsql;
using Xunit;

namespace ClaudeDbKit.Tests.Database;

/// <summary>claude.next_cron_run: standard five-field cron computed in SQL (expected values from an independent minute-by-minute reference).</summary>
public sealed class CronTests : CoordinationApiTest
{
    private static readonly (string Schedule, string After, string Expected)[] Cases =
    [
        ("* * * * *", "2026-01-01 10:00:30", "2026-01-01 10:01:00"),
        ("* * * * *", "2026-01-01 00:00:59.9", "2026-01-01 00:01:00"),        // seconds are truncated, strictly after
        ("0 0 * * *", "2026-01-01 00:00", "2026-01-02 00:00:00"),              // a matching p_after is not returned
        ("0 2 * * *", "2025-12-30 02:00", "2025-12-31 02:00:00"),
        ("*/15 9-17 * * mon-fri", "2025-12-26 17:50", "2025-12-29 09:00:00"),  // Friday evening -> Monday morning
        ("30 2 * * 1-5", "2026-11-20 02:30", "2026-11-23 02:30:00"),
        ("0 0 1 * *", "2026-01-31 12:00", "2026-02-01 00:00:00"),
        ("0 0 31 * *", "2026-04-01 00:00", "2026-05-31 00:00:00"),             // skips the 30-day month
        ("0 0 29 2 *", "2025-03-01 00:00", "2028-02-29 00:00:00"),             // next leap day
        ("0 0 1 1 *", "2025-12-31 23:59", "2026-01-01 00:00:00"),              // year rollover
        ("59 23 31 12 *", "2026-01-01 00:00", "2026-12-31 23:59:00"),
        ("0 0 13 * 5", "2025-01-01 00:00", "2025-01-03 00:00:00"),             // both restricted: 13th OR Friday (Vixie)
        ("0 0 13 * *", "2025-01-01 00:00", "2025-01-13 00:00:00"),
        ("0 9 1,15 * mon", "2026-11-22 00:00", "2026-11-23 09:00:00"),
        ("0 12 */10 * 1", "2025-01-01 00:00", "2025-03-31 12:00:00"),          // day-of-month starts with *: AND (Vixie)
        ("0 12 */10 * *", "2025-01-02 00:00", "2025-01-11 12:00:00"),
        ("0 0 * * 0", "2025-01-01 00:00", "2025-01-05 00:00:00"),              // 0 = Sunday
        ("0 0 * * 7", "2025-01-01 00:00", "2025-01-05 00:00:00"),              // 7 = Sunday
        ("0 0 * * SUN", "2025-01-01 00:00", "2025-01-05 00:00:00"),
        ("5,10-12/2 0 * * *", "2025-01-01 00:05", "2025-01-01 00:10:00"),      // lists, ranges with steps
        ("5/20 * * * *", "2025-01-01 00:26", "2025-01-01 00:45:00"),           // a/n = a-max/n
        ("*/7 */5 * * *", "2026-01-01 23:59", "2026-01-02 00:00:00"),
        ("0 0 1 jan-mar *", "2025-04-01 00:00", "2026-01-01 00:00:00"),        // month names
        ("  0   2  *  *  * ", "2025-12-30 02:00", "2025-12-31 02:00:00"),     // any whitespace
        ("@hourly", "2026-01-01 10:00", "2026-01-01 11:00:00"),
        ("@daily", "2026-01-01 10:00", "2026-01-02 00:00:00"),
        ("@weekly", "2025-01-01 00:00", "2025-01-05 00:00:00"),
        ("@monthly", "2026-01-15 00:00", "2026-02-01 00:00:00"),
        ("@yearly", "2026-01-15 00:00", "2027-01-01 00:00:00"),
    ];

    [Fact]
    public async Task Next_cron_run_matches_the_reference_for_every_field_form()
    {
        var values = string.Join(",\n", Cases.Select((c, i) => $"({i}, '{c.Schedule}', timestamp '{c.After}', timestamp '{c.Expected}')"));
        var rows = await Rows($"""
            SELECT i, claude.next_cron_run(s, a)::text, e::text
              FROM (VALUES {values}) v(i, s, a, e)
             ORDER BY i
            """);
        var mismatches = rows.Where(r => !Equals(r[1], r[2]))
            .Select(r => $"'{Cases[(int)r[0]!].Schedule}' after {Cases[(int)r[0]!].After}: got {r[1]}, expected {r[2]}").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal(Cases.Length, rows.Count);
    }

    [Fact]
    public async Task A_bad_cron_expression_is_CD001_naming_the_field()
    {
        var fields = new (string Schedule, string Field)[]
        {
            ("60 * * * *", "minute field '60'"),
            ("*/0 * * * *", "minute field '*/0'"),
            ("5-1 * * * *", "minute field '5-1'"),
            ("1,,2 * * * *", "minute field '1,,2'"),
            ("* 24 * * *", "hour field '24'"),
            ("* * 0 * *", "day-of-month field '0'"),
            ("* * 32 * *", "day-of-month field '32'"),
            ("* * * 13 *", "month field '13'"),
            ("* * * foo *", "month field 'foo'"),
            ("* * * * 8", "day-of-week field '8'"),
            ("* * * * mon-xyz", "day-of-week field 'mon-xyz'"),
        };
        foreach (var (schedule, field) in fields)
        {
            var error = await RefusedAll("CD001", $"SELECT claude.next_cron_run('{schedule}', now()::timestamp)");
            Assert.Contains(field, error.MessageText, StringComparison.Ordinal);
            Assert.Contains("minute (0-59) hour (0-23)", error.Hint, StringComparison.Ordinal);
        }
        Assert.Contains("4 field(s)", (await RefusedAll("CD001", "SELECT claude.next_cron_run('* * * *', now()::timestamp)")).MessageText, StringComparison.Ordinal);
        Assert.Contains("never fires", (await RefusedAll("CD001", "SELECT claude.next_cron_run('0 0 30 2 *', now()::timestamp)")).MessageText, StringComparison.Ordinal);
        await AllRefused(
        [
            ("CD001", "SELECT claude.next_cron_run('* * * * * *', now()::timestamp)"),
            ("CD001", "SELECT claude.next_cron_run('@reboot', now()::timestamp)"),
            ("CD001", "SELECT claude.next_cron_run('* * * * *', 'infinity')"),
            ("CD005", "SELECT claude.next_cron_run(NULL, now()::timestamp)"),
            ("CD005", "SELECT claude.next_cron_run('  ', now()::timestamp)"),
            ("CD005", "SELECT claude.next_cron_run('* * * * *', NULL)"),
        ]);
    }

    [Fact]
    public async Task Next_cron_run_jumps_field_by_field_instead_of_walking_minutes()
    {
        // 300 searches for the next leap day (up to four years, two million minutes each) must finish well
        // within a 3 s statement_timeout; a minute-by-minute loop would need hundreds of millions of steps.
        var timed = new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c statement_timeout=3000" }.ConnectionString;
        await using var connection = new NpgsqlConnection(timed);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(DISTINCT claude.next_cron_run('0 0 29 2 *', timestamp '2028-03-01' + g * interval '1 day')) FROM generate_series(1, 300) g",
            connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
