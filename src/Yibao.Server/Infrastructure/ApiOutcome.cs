using System.Diagnostics.CodeAnalysis;

namespace Yibao.Server.Infrastructure;

/// <summary>A value or the <see cref="ApiError"/> that refuses it.</summary>
internal readonly struct ApiOutcome<T>
{
    private readonly T? _value;

    private ApiOutcome(T? value, ApiError? error)
    {
        _value = value;
        Error = error;
    }

    public ApiError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"outcome is an error: {Error.Code}");

#pragma warning disable CA2225
    public static implicit operator ApiOutcome<T>(T value) => new(value, null);
    public static implicit operator ApiOutcome<T>(ApiError error) => new(default, error);
#pragma warning restore CA2225
}
