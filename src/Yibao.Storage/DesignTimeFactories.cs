using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Yibao.Storage;

/// <summary>Used by <c>dotnet ef migrations add</c> only; no database is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresYibaoDbContext>
{
    public PostgresYibaoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresYibaoDbContext>().UsePostgres("Host=127.0.0.1;Database=yibao_design").Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteYibaoDbContext>
{
    public SqliteYibaoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteYibaoDbContext>().UseSqliteFile("Data Source=design.db").Options);
}
