using Yibao.Client;
using Yibao.Server.Tests.Features.Console;
using Yibao.Server.Tests.Features.Gateway;
using Yibao.Testing;
using static Yibao.Testing.Prescribing;

namespace Yibao.Server.Tests.Features.Prescriptions;

/// <summary>
/// A patient in a real browser (Debian's Chromium) with a prescription: it is on the phone with its
/// QR code; the pharmacy scans that code and dispenses through the gateway; the phone then shows it
/// dispensed, and the agency's console shows it with its history.
/// </summary>
[Collection(Yibao.Server.Tests.Features.Console.ConsoleBrowser.Collection)]
public sealed class PrescriptionBrowserTests
{
    [Fact]
    public async Task Phone_APrescription_ShownWithItsQrDispensedByThePharmacyAndSeenDispensed()
    {
        await using var server = await YibaoServer.StartAsync(settings: new() { ["Yibao:PaymentSweepSeconds"] = "0" }, kestrel: true);
        var hiRxno = await PrescribeAsync(server, "H33010000001", "3301000000000001", "I10", Drug("XC08CAA001A001", "Amlodipine besylate tablets", 28, 1.85m));
        await using var browser = await ConsoleBrowser.PhoneSignedInAsync(server, "330106196803140013");
        var phone = browser.Page;
        await phone.GotoAsync("/me/prescriptions");
        Assert.Contains("Amlodipine besylate tablets", await phone.ContentAsync(), StringComparison.Ordinal);
        await phone.ClickAsync($"a[href='/me/prescriptions/{hiRxno}']");
        await phone.ArriveAtAsync($"**/me/prescriptions/{hiRxno}");
        Assert.Contains("Ready to dispense", await phone.TextContentAsync("#rx-state"), StringComparison.Ordinal);
        Assert.True(await phone.Locator("#qr").IsVisibleAsync());
        var qr = await phone.GetAttributeAsync("#qr", "data-content");
        var shots = Environment.GetEnvironmentVariable("YIBAO_SCREENSHOTS");
        await phone.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("phone-prescription", ".png") : Path.Combine(shots, "phone-prescription.png"), FullPage = true });

        // The pharmacy scans the code on the screen and dispenses.
        var pharmacy = await GatewayFixture.SignedInAsync(server, "P33010000001");
        var settlement = await DispenseAsync(pharmacy, qr!, "3301000000000001", "330100", new FeeDetail("1", "XC08CAA001A001", 1.85m, 28m, 51.80m));

        await phone.ReloadAsync();
        Assert.Contains("Dispensed", await phone.TextContentAsync("#rx-state"), StringComparison.Ordinal);
        Assert.Equal(0, await phone.Locator("#qr").CountAsync());

        // The agency sees it, with its history, and the pharmacy's settlement.
        await phone.SetViewportSizeAsync(1280, 900);
        await phone.GotoAsync("/console/sign-in");
        await ConsoleBrowser.SignInAsync(phone, "demo.audit");
        await phone.ArriveAtAsync("**/console");
        await phone.GotoAsync("/console/prescriptions?psn_no=3301000000000001");
        Assert.Contains(hiRxno, await phone.TextContentAsync("#prescriptions"), StringComparison.Ordinal);
        await phone.ClickAsync($"a[href='/console/prescriptions/{hiRxno}']");
        await phone.ArriveAtAsync($"**/console/prescriptions/{hiRxno}");
        Assert.True(await phone.Locator("#seal-ok").IsVisibleAsync());
        var history = await phone.TextContentAsync("#history");
        Assert.Contains("download", history, StringComparison.Ordinal);
        Assert.Contains("dispense", history, StringComparison.Ordinal);
        Assert.Contains(settlement.GetProperty("setl_id").GetString()!, await phone.TextContentAsync("#prescription"), StringComparison.Ordinal);
        await phone.ScreenshotAsync(new() { Path = shots is null ? TestRun.File("console-prescription", ".png") : Path.Combine(shots, "console-prescription.png"), FullPage = true });
    }
}
