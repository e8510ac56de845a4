using Yibao.Cli;

return await YibaoCli.RunAsync(args, Console.Out, Console.Error);
