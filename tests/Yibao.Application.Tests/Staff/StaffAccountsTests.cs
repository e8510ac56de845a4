using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yibao.Application.Staff;
using Yibao.Storage.Entities;
using Yibao.Testing;

namespace Yibao.Application.Tests.Staff;

public sealed class StaffAccountsTests
{
    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AddStaff_NewAccount_StoresAHashThatVerifiesAndTheRoles(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider, seed: false);
        await using var scope = app.Scope();

        var added = await scope.Use<AddStaffHandler>().HandleAsync(new AddStaff("li.na", "Strong-pass-42", [StaffRoles.Policy, StaffRoles.Audit]), default);

        Assert.True(added.IsSuccess, added.Error?.ToString());
        var users = scope.Use<UserManager<StaffUser>>();
        var user = (await users.FindByNameAsync("li.na"))!;
        Assert.DoesNotContain("Strong-pass-42", user.PasswordHash!, StringComparison.Ordinal);
        Assert.True(await users.CheckPasswordAsync(user, "Strong-pass-42"));
        Assert.False(await users.CheckPasswordAsync(user, "strong-pass-42"));
        Assert.Equal([StaffRoles.Audit, StaffRoles.Policy], (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal));
        Assert.Contains(await scope.Db.AuditLog.Select(a => a.Action + " " + a.EntityId).ToListAsync(), a => a == "staff.add li.na");
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task AddStaff_Refusals_ChangeNothing(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider, seed: false);
        await using var scope = app.Scope();
        var add = scope.Use<AddStaffHandler>();
        await add.HandleAsync(new AddStaff("li.na", "Strong-pass-42", [StaffRoles.Admin]), default);

        Assert.Equal("staff_exists", (await add.HandleAsync(new AddStaff("li.na", "Strong-pass-43", [StaffRoles.Admin]), default)).Error?.Code);
        Assert.Equal("password_rejected", (await add.HandleAsync(new AddStaff("wang.fang", "short", [StaffRoles.Admin]), default)).Error?.Code);
        Assert.Equal("unknown_role", (await add.HandleAsync(new AddStaff("wang.fang", "Strong-pass-42", ["root"]), default)).Error?.Code);
        Assert.Equal("unknown_role", (await add.HandleAsync(new AddStaff("wang.fang", "Strong-pass-42", []), default)).Error?.Code);
        Assert.Equal("invalid_user_name", (await add.HandleAsync(new AddStaff("wang fang!", "Strong-pass-42", [StaffRoles.Admin]), default)).Error?.Code);
        Assert.Equal(["li.na"], await scope.Db.Users.Select(u => u.UserName).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ResetStaffSecondFactor_LockedAccountWithTotp_IsUnlockedWithTotpOff(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using (var setup = app.Scope())
        {
            var users = setup.Use<UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync("demo.audit"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        await using var scope = app.Scope();
        var reset = await scope.Use<ResetStaffSecondFactorHandler>().HandleAsync(new ResetStaffSecondFactor("demo.audit"), default);

        Assert.True(reset.IsSuccess, reset.Error?.ToString());
        var account = Assert.Single(await scope.Use<ListStaffHandler>().HandleAsync(new ListStaff(), default), a => a.UserName == "demo.audit");
        Assert.False(account.TwoFactorEnabled);
        Assert.Null(account.LockedOutUntil);
        Assert.Equal("staff_not_found", (await scope.Use<ResetStaffSecondFactorHandler>().HandleAsync(new ResetStaffSecondFactor("nobody"), default)).Error?.Code);
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListStaff_DemoDataSet_OneAccountPerRoleWhosePasswordIsTheDocumentedOne(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider);
        await using var scope = app.Scope();

        var accounts = await scope.Use<ListStaffHandler>().HandleAsync(new ListStaff(), default);

        Assert.Equal(StaffRoles.All.Select(DemoStaff.UserName).Order(StringComparer.Ordinal), accounts.Select(a => a.UserName));
        Assert.All(accounts, a => Assert.Equal([a.UserName["demo.".Length..]], a.Roles));
        var users = scope.Use<UserManager<StaffUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("demo.audit"))!, DemoStaff.Password));
    }

    [Theory]
    [MemberData(nameof(StorageProviders.Names), MemberType = typeof(StorageProviders))]
    public async Task ListStaff_WithoutTheDemoDataSet_NoAccountsExist(string provider)
    {
        await using var app = await TestApplication.CreateAsync(provider, seed: false);
        await using var scope = app.Scope();

        Assert.Empty(await scope.Use<ListStaffHandler>().HandleAsync(new ListStaff(), default));
    }
}
