using System.Diagnostics;
using System.Text;

namespace ClaudeDbKit.Local;

/// <summary>Runs a server tool (initdb, pg_ctl) to completion, as the <c>postgres</c> OS user when we are root.</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, bool asServerUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asServerUser && IsRoot)
        {
            // initdb and postgres refuse to run as root.
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", LocalCluster.ServerOsUser, "--", fileName })
                start.ArgumentList.Add(a);
        }
        else
            start.FileName = fileName;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        return new Result(process.ExitCode, output.ToString().Trim());
    }

    public static async Task<Result> RunCheckedAsync(string fileName, IEnumerable<string> arguments, bool asServerUser, CancellationToken cancellationToken)
    {
        var args = arguments.ToList();
        var result = await RunAsync(fileName, args, asServerUser, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new ClaudeDbException("LocalServerFailed",
                $"{Path.GetFileName(fileName)} {string.Join(' ', args)} exited with code {result.ExitCode}:{Environment.NewLine}{result.Output}");
        return result;
    }
}
