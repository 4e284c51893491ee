using Conversations.Gateway.Hosting;

await ConversationsGateway.Build(args).RunAsync();
