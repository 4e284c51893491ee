using Conversations.Agents;
using Conversations.Domain;

namespace Conversations.UnitTests.Domain;

public sealed class AgentCapacityTests
{
    private static readonly Dictionary<string, int> Capacity = new() { ["VOICE"] = 1, ["WEB"] = 4 };

    [Fact]
    public void Free_NothingHeld_IsTheTypesCapacity()
    {
        Assert.Equal(4, AgentCapacity.Free(Capacity, [], "WEB"));
        Assert.Equal(1, AgentCapacity.Free(Capacity, [], "VOICE"));
        Assert.Equal(0, AgentCapacity.Free(Capacity, [], "SMS"));
    }

    [Fact]
    public void Free_ChatsInHand_LeaveRoomForMoreChatsButNoCall()
    {
        AgentTaskRef[] tasks = [new("t1", "c1", "WEB", AgentTaskStatus.Active), new("t2", "c2", "WEB", AgentTaskStatus.Offered)];

        Assert.Equal(2, AgentCapacity.Free(Capacity, tasks, "WEB"));
        Assert.Equal(0, AgentCapacity.Free(Capacity, tasks, "VOICE"));
    }

    [Fact]
    public void Free_OneCallInHand_FillsTheAgent()
    {
        AgentTaskRef[] tasks = [new("t1", "c1", "VOICE", AgentTaskStatus.Active)];

        Assert.Equal(0, AgentCapacity.Free(Capacity, tasks, "WEB"));
        Assert.Equal(0, AgentCapacity.Free(Capacity, tasks, "VOICE"));
    }

    [Fact]
    public void Free_OnlyOfferedActiveAndWrapUpTasksCount()
    {
        AgentTaskRef[] tasks =
        [
            new("t1", "c1", "WEB", AgentTaskStatus.WrapUp),
            new("t2", "c2", "WEB", AgentTaskStatus.Closed),
            new("t3", "c3", "WEB", AgentTaskStatus.Queued),
        ];

        Assert.Equal(3, AgentCapacity.Free(Capacity, tasks, "WEB"));
    }

    [Fact]
    public void Free_UnevenCapacities_AreCountedExactly()
    {
        var capacity = new Dictionary<string, int> { ["WEB"] = 3, ["WHATSAPP"] = 2 };
        AgentTaskRef[] tasks = [new("t1", "c1", "WEB", AgentTaskStatus.Active)];

        Assert.Equal(2, AgentCapacity.Free(capacity, tasks, "WEB"));
        Assert.Equal(1, AgentCapacity.Free(capacity, tasks, "WHATSAPP"));
    }

    [Fact]
    public void Free_TaskOfATypeNoLongerTaken_FillsTheAgent()
    {
        AgentTaskRef[] tasks = [new("t1", "c1", "SMS", AgentTaskStatus.Active)];

        Assert.Equal(0, AgentCapacity.Free(Capacity, tasks, "WEB"));
    }

    [Fact]
    public void Load_OfferedInHandAndInWrapUp_CountPerTypeButEndedDoNot()
    {
        AgentTaskRef[] tasks =
        [
            new("t1", "c1", "WEB", AgentTaskStatus.Offered), new("t2", "c2", "WEB", AgentTaskStatus.WrapUp),
            new("t3", "c3", "VOICE", AgentTaskStatus.Active), new("t4", "c4", "WEB", AgentTaskStatus.Closed),
        ];

        Assert.Equal(new Dictionary<string, int> { ["WEB"] = 2, ["VOICE"] = 1 }, AgentCapacity.Load(tasks));
    }
}
