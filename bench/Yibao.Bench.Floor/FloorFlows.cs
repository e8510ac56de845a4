using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Yibao.Bench.Floor;

internal static class FloorFlows
{
    /// <summary>The flow over raw Npgsql, or over EF Core with pooled contexts as Yibao's storage has them.</summary>
    public static IFlow Create(string connectionString, bool ef)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return ef
            ? new FlowEf(new PooledDbContextFactory<FloorDb>(new DbContextOptionsBuilder<FloorDb>().UseNpgsql(dataSource).UseSnakeCaseNamingConvention().Options))
            : new FlowSql(dataSource);
    }
}
