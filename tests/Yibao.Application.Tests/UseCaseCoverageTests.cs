namespace Yibao.Application.Tests;

/// <summary>Every use case has handler-level tests here: a test method named after its command.</summary>
public sealed class UseCaseCoverageTests
{
    [Fact]
    public void Handlers_EveryOne_HasATestNamedAfterItsUseCase()
    {
        var tested = typeof(UseCaseCoverageTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0)
            .Select(m => m.Name.Split('_')[0])
            .ToHashSet(StringComparer.Ordinal);
        var untested = ApplicationServices.Handlers
            .Select(h => h.Name[..^"Handler".Length])
            .Where(useCase => !tested.Any(name => name.Contains(useCase, StringComparison.Ordinal)))
            .ToList();

        Assert.True(ApplicationServices.Handlers.Count > 30, $"only {ApplicationServices.Handlers.Count} handlers found");
        Assert.True(untested.Count == 0, "use cases without a handler test: " + string.Join(", ", untested));
    }
}
