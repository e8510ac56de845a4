namespace Yibao.Testing;

/// <summary>Waits for something another thread or process makes true, failing the test if it does not become true in time.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not in time: {what}");
            await Task.Delay(20);
        }
    }
}
