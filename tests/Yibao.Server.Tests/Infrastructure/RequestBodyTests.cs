using System.Text;
using Microsoft.AspNetCore.Http;
using Yibao.Server.Infrastructure;

namespace Yibao.Server.Tests.Infrastructure;

public sealed class RequestBodyTests
{
    private static HttpRequest Request(byte[] body, long? contentLength = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    [Fact]
    public async Task ReadText_NoContentLengthAndOverTheLimit_IsRefusedWhileStreaming()
    {
        var outcome = await RequestBody.ReadTextAsync(Request(new byte[40_000]), 32_000, default);
        Assert.Equal("document_too_large", outcome.Error?.Code);
    }

    [Fact]
    public async Task ReadText_DeclaredLengthOverTheLimit_IsRefusedBeforeReading()
    {
        var outcome = await RequestBody.ReadTextAsync(Request([], contentLength: 40_000), 32_000, default);
        Assert.Equal(413, outcome.Error?.Status);
    }

    [Fact]
    public async Task ReadText_InvalidUtf8_IsMalformed()
    {
        var outcome = await RequestBody.ReadTextAsync(Request([0x7B, 0xC3, 0x28, 0x7D]), 100, default);
        Assert.Equal("malformed_request", outcome.Error?.Code);
    }

    [Fact]
    public async Task ReadText_WithinTheLimit_IsTheText()
    {
        var outcome = await RequestBody.ReadTextAsync(Request(Encoding.UTF8.GetBytes("{\"名\":1}")), 100, default);
        Assert.Equal("{\"名\":1}", outcome.Value);
    }
}
