namespace Yibao.Application;

/// <summary>The states of a background run the console queues (a simulation, a catalogue import), and what a progress bar reads of them.</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    public static bool IsFinished(string status) => status is Done or Failed;

    /// <summary>Done so far, from 0 to 1.</summary>
    public static double Fraction(string status, long processed, long total) =>
        status == Done ? 1 : total == 0 ? 0 : Math.Min(1, (double)processed / total);
}
