namespace Dms.Bench;

internal static class Benchmark
{
    public static Task<int> RunAsync(int documents, TextWriter output) => Task.FromResult(2);
}
