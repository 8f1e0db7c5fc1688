using MspSupport.WebChat.Bench;

// Usage: latency <baseUrl> [conversations=200] [messages per conversation=25] [think ms=0]
//        page <baseUrl> [runs=5]
if (args.Length < 2 || args[0] is not ("latency" or "page"))
{
    Console.Error.WriteLine("usage: latency <baseUrl> [conversations] [messages] [think ms] | page <baseUrl> [runs]");
    return 2;
}

var baseUrl = new Uri(args[1].TrimEnd('/') + "/");
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
if (args[0] == "latency")
{
    await ReplyLatency.RunAsync(baseUrl, Arg(2, 200), Arg(3, 25), Arg(4, 0));
}
else
{
    await PageLoad.RunAsync(baseUrl, Arg(2, 5));
}

return 0;
