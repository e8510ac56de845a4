namespace Yibao.Application;

/// <summary>Who reads a record with personal data in it: an institution, the person, or agency staff; and through which door. Reads by institutions and staff leave an access record.</summary>
public sealed record Viewer(string Kind, string Id, string Door)
{
    public static Viewer Institution(string fixmedinsCode, string door) => new("institution", fixmedinsCode, door);

    public static Viewer Person(string psnNo) => new("person", psnNo, "phone");

    public static Viewer Staff(string user, string door = "console") => new("staff", user, door);
}
