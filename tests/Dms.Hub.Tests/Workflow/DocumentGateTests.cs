using Dms.Hub.Workflow;

namespace Dms.Hub.Tests.Workflow;

public sealed class DocumentGateTests
{
    [Fact]
    public async Task SameDocument_TheSecondStepWaitsForTheFirst()
    {
        var gate = new DocumentGate();
        var firstIn = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var order = new List<string>();

        var first = gate.RunAsync("D001-A", async () =>
        {
            firstIn.SetResult();
            await release.Task;
            lock (order)
            {
                order.Add("first");
            }

            return 1;
        }, default);
        await firstIn.Task;
        var second = gate.RunAsync("D001-A", () =>
        {
            lock (order)
            {
                order.Add("second");
            }

            return Task.FromResult(2);
        }, default);

        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        release.SetResult();

        Assert.Equal((1, 2), (await first, await second));
        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public async Task OtherDocument_DoesNotWait()
    {
        var gate = new DocumentGate();
        var release = new TaskCompletionSource();
        var first = gate.RunAsync("D001-A", async () =>
        {
            await release.Task;
            return 1;
        }, default);

        Assert.Equal(2, await gate.RunAsync("D001-B", () => Task.FromResult(2), default).WaitAsync(TimeSpan.FromSeconds(1)));
        release.SetResult();
        await first;
    }

    [Fact]
    public async Task Nested_SameOrOtherDocument_RunsAtOnce()
    {
        var gate = new DocumentGate();

        var result = await gate.RunAsync("D001-A", () =>
            gate.RunAsync("D001-A", () => gate.RunAsync("D001-B", () => Task.FromResult(3), default), default), default).WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task Failure_GivesTheTurnBack()
    {
        var gate = new DocumentGate();

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>("D001-A", () => throw new InvalidOperationException(), default));

        Assert.Equal(1, await gate.RunAsync("D001-A", () => Task.FromResult(1), default).WaitAsync(TimeSpan.FromSeconds(1)));
    }
}
