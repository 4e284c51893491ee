using Conversations.Silo.Hosting;

await ConversationsSilo.Build(args).RunAsync();
