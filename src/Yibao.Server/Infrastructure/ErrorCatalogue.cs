using System.Reflection;
using Yibao.Domain;

namespace Yibao.Server.Infrastructure;

/// <summary>Every error code the catalogues declare (the domain's, the application's, this door's), with the status the native API answers it with.</summary>
internal static class ErrorCatalogue
{
    private static readonly Assembly[] Assemblies = [typeof(DomainError).Assembly, typeof(Application.ApplicationServices).Assembly, typeof(ApiError).Assembly];

    public static IReadOnlyList<(string Declarer, string Code, int Status)> All { get; } = Assemblies.SelectMany(a => a.GetTypes())
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Select(f => (Type: t, Field: f)))
        .Where(x => x.Field.FieldType == typeof(ErrorCode) || x.Field.FieldType == typeof(HttpErrorCode))
        .Select(x => x.Field.GetValue(null) switch
        {
            ErrorCode code => (x.Type.FullName!, code.Code, ApiError.StatusOf(code.Kind)),
            HttpErrorCode http => (x.Type.FullName!, http.Code, http.Status),
            _ => throw new InvalidOperationException($"{x.Type}.{x.Field.Name} is not an error code"),
        })
        .ToList();

    public static IReadOnlyDictionary<int, IReadOnlyList<string>> CodesByStatus { get; } = All
        .GroupBy(c => c.Status)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Code).Order(StringComparer.Ordinal).ToList());
}
