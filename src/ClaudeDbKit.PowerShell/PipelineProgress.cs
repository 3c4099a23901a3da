using System.Collections.Concurrent;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// Carries progress reports from a core call running on the thread pool to the pipeline thread, the only
/// thread on which a cmdlet may write verbose, progress or output records.
/// </summary>
internal sealed class PipelineProgress<T> : IProgress<T>, IDisposable
{
    private readonly BlockingCollection<T> _reports = [];

    public void Report(T value)
    {
        try
        {
            _reports.Add(value);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Reported after the pipeline stopped listening (Ctrl+C): nobody is left to show it.
        }
    }

    /// <summary>Hands every report to <paramref name="handler"/> on the calling thread until <paramref name="task"/> ends.</summary>
    public void Pump(Task task, Action<T> handler)
    {
        task.ContinueWith(static (_, state) => ((PipelineProgress<T>)state!).Complete(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        foreach (var report in _reports.GetConsumingEnumerable())
            handler(report);
    }

    private void Complete()
    {
        try
        {
            _reports.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
            // The pipeline stopped listening before the call ended.
        }
    }

    public void Dispose() => _reports.Dispose();
}
