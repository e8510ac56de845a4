namespace Yibao.Server.Infrastructure;

/// <summary>The layout of the person's phone pages: server-rendered, phone-sized; the only script is a live QR code's refresh.</summary>
internal static class PhonePage
{
    /// <summary>
    /// A QR code that stays usable: the image (its content in <c>data-content</c>), a hint with the
    /// seconds left, and a script that fetches a fresh code from <paramref name="jsonUrl"/> before it
    /// expires (a code lives <see cref="Application.ECertificates.QrCodes.Lifetime"/>).
    /// </summary>
    public static string LiveQr(HttpContext http, string content, DateTimeOffset expiresAt, string jsonUrl, string hint)
    {
        var refreshMs = Math.Max(5, (int)Application.ECertificates.QrCodes.Lifetime.TotalSeconds - 10) * 1000;
        return $$"""
            <img id="qr" src="{{QrPng(content)}}" alt="QR" data-content="{{System.Net.WebUtility.HtmlEncode(content)}}" data-expires="{{expiresAt.ToUnixTimeSeconds()}}">
            <p class="hint">{{hint}}<br>
              <span id="left"></span></p>
            <script nonce="{{Access.SecurityHeaders.Nonce(http)}}">
              const img = document.getElementById('qr'), left = document.getElementById('left');
              async function refresh() {
                const r = await fetch('{{jsonUrl}}', { credentials: 'same-origin' });
                if (r.ok) { const q = await r.json(); img.src = q.png; img.dataset.content = q.content; img.dataset.expires = q.expires_at; }
              }
              setInterval(refresh, {{refreshMs}});
              setInterval(() => {
                const s = Math.max(0, img.dataset.expires - Math.floor(Date.now() / 1000));
                left.textContent = '有效 valid ' + s + ' s';
              }, 1000);
            </script>
            """;
    }

    /// <summary>A fresh code for <see cref="LiveQr"/>'s refresh: its content, expiry and image.</summary>
    public static IResult QrJson(string content, DateTimeOffset expiresAt) =>
        Results.Json(new { content, expires_at = expiresAt.ToUnixTimeSeconds(), png = QrPng(content) });

    /// <summary>A QR code as a PNG data URL, for an <c>img</c>.</summary>
    public static string QrPng(string content)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCoder.QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(8));
    }

    /// <param name="status">A refusal's status, as the native API would answer it: the page explains, the status tells.</param>
    public static IResult Render(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($$"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{title}} · Yibao</title>
          <style>
            body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 420px; padding: 16px; color: #1f2937; }
            h1 { font-size: 1.4rem; color: #0b6e4f; } h1 small { font-size: .9rem; color: #6b7280; }
            label { display: block; margin: 12px 0; font-size: .95rem; }
            input, select { display: block; width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: 10px; margin-top: 4px; border: 1px solid #d1d5db; border-radius: 8px; }
            button { width: 100%; font-size: 1.1rem; padding: 12px; border: 0; border-radius: 8px; background: #0b6e4f; color: #fff; margin-top: 8px; }
            button.secondary, a.button.secondary { background: #e5e7eb; color: #1f2937; }
            #qr { display: block; width: 100%; max-width: 320px; margin: 16px auto; image-rendering: pixelated; }
            .hint { color: #6b7280; font-size: .9rem; text-align: center; } .error { color: #b91c1c; } .who { text-align: center; font-size: 1.05rem; }
            .setl { border: 1px solid #e5e7eb; border-radius: 10px; padding: 8px 12px; margin: 12px 0; } .setl h2 { font-size: 1rem; margin: 4px 0; }
            .setl dl { display: grid; grid-template-columns: 1fr auto; margin: 0; } .setl dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
            .cancelled { opacity: .55; }
            .total dd, .total dt { font-weight: 600; } .state { text-align: center; font-size: 1.1rem; font-weight: 600; color: #0b6e4f; }
            a.button { display: block; text-align: center; text-decoration: none; font-size: 1.1rem; padding: 12px; border-radius: 8px; background: #0b6e4f; color: #fff; margin-top: 8px; }
          </style>
        </head>
        <body>{{body}}</body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
}
