namespace Yibao.Domain;

/// <summary>A coordinated area (统筹区).</summary>
public sealed record Area(string Admdvs, string Name, string Province);
