namespace Yibao.Domain.Codes;

/// <summary>Where care was given. Never changes the result (channel parity).</summary>
public enum Channel
{
    Offline,
    Online,
}

public enum VisitKind
{
    First,
    FollowUp,
}

/// <summary>Cross-region filing of a visit; <see cref="None"/> when treated in the insured area.</summary>
public enum Filing
{
    None,
    LongTerm,
    TemporaryFiled,
    Unfiled,
}

public enum CatalogueClass
{
    A,
    B,
    C,
}

public enum ItemKind
{
    Drug,
    Service,
    Material,
}

public enum InstitutionKind
{
    Physical,
    Internet,
    Pharmacy,
}

public enum DeductiblePer
{
    Year,
    Admission,
}
