using System.Globalization;
using Microsoft.Playwright;

namespace MspSupport.WebChat.Bench;

/// <summary>
/// The page in Chromium, fresh profile each run (nothing cached): bytes transferred for the page and every resource
/// it loads, and time to interactive, from navigation start to the send box being enabled with the chat connected.
/// </summary>
internal static class PageLoad
{
    public static async Task RunAsync(Uri baseUrl, int runs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var interactive = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var finished = new List<IRequest>();
            page.RequestFinished += (_, request) =>
            {
                lock (finished)
                {
                    finished.Add(request);
                }
            };
            await page.GotoAsync(baseUrl.ToString());
            await page.WaitForFunctionAsync(
                "() => document.body.dataset.connected === 'true' && !!document.querySelector(\"[data-id='webchat-sendbox-input']:not([disabled]):not([aria-disabled='true'])\")",
                null, new PageWaitForFunctionOptions { PollingInterval = 5 });
            interactive.Add(await page.EvaluateAsync<double>("performance.now()"));
            if (run > 0)
            {
                continue;
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            long total = 0;
            List<IRequest> requests;
            lock (finished)
            {
                requests = [.. finished];
            }

            foreach (var request in requests)
            {
                var sizes = await request.SizesAsync();
                var bytes = sizes.ResponseHeadersSize + sizes.ResponseBodySize;
                total += bytes;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,10:N0} B  {request.Method} {new Uri(request.Url).PathAndQuery.Split('?')[0]}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"page weight: {total:N0} bytes transferred in {requests.Count} requests (headers + bodies, as sent)"));
        }

        Console.WriteLine($"time to interactive over {runs} fresh loads: {Percentiles.Summary(interactive)}");
    }
}
