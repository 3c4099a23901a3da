using System.Diagnostics;
using System.Text;

namespace ClaudeDbKit.Jobs;

/// <summary>How a job's command ended.</summary>
public sealed record ShellCommandResult(int? ExitCode, bool TimedOut, string Output, string ErrorOutput, TimeSpan Duration);

/// <summary>
/// Runs a job's command line through the platform shell (<c>/bin/sh -c</c>, or <c>cmd.exe /c</c> on
/// Windows) in a working directory, kills the whole process tree when it outlives its timeout, and
/// keeps only the last <see cref="MaxOutputChars"/> characters of each stream.
/// </summary>
public static class ShellCommand
{
    public const int MaxOutputChars = 64 * 1024;

    public static async Task<ShellCommandResult> RunAsync(string command, string? workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/s", "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(workingDirectory))
            start.WorkingDirectory = workingDirectory;

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        var output = new BoundedBuffer(MaxOutputChars);
        var errors = new BoundedBuffer(MaxOutputChars);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }
        // Flush the asynchronous readers before reading the buffers.
        process.WaitForExit();
        return new ShellCommandResult(timedOut ? null : process.ExitCode, timedOut, output.ToString(), errors.ToString(), clock.Elapsed);
    }

    private sealed class BoundedBuffer(int limit)
    {
        private readonly StringBuilder _text = new();
        private bool _truncated;

        public void AppendLine(string line)
        {
            lock (_text)
            {
                _text.Append(line).Append('\n');
                if (_text.Length > limit)
                {
                    _text.Remove(0, _text.Length - limit);
                    _truncated = true;
                }
            }
        }

        public override string ToString()
        {
            lock (_text)
                return _truncated ? "[earlier output truncated]\n" + _text : _text.ToString();
        }
    }
}
