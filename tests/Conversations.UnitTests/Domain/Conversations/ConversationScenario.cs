using Conversations.Activities;
using Conversations.Agents;
using Conversations.Channels;
using Conversations.ChannelSessions;
using Conversations.Conversations;

namespace Conversations.UnitTests.Domain.Conversations;

/// <summary>
/// Drives the pure <see cref="Conversation"/> model as its grain does: one decision per step on the state the
/// previous step left, with a clock the test moves and predictable ids. Remembers the last step's output.
/// </summary>
internal sealed class ConversationScenario
{
    public const string Service = "+4930123456";
    public const string OtherService = "web-support";
    public const string Agent = "alice";
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan InactivityTimeout = TimeSpan.FromMinutes(10);

    private static readonly Channel PushChannel = new(Service, "Support", "conn", RoutingMode.Push, 600, WrapUpTimeoutSeconds: 120);

    private int _ids;
    private int _messages;

    public ConversationScenario(ControllerSettings? settings = null, bool wrapUp = false)
    {
        Settings = settings ?? ControllerSettings.Default with { GreetingText = null };
        WrapUp = wrapUp;
    }

    public ControllerSettings Settings { get; }

    public bool WrapUp { get; }

    public ConversationState State { get; private set; } = new();

    public long Sequence { get; private set; }

    public DateTimeOffset Now { get; set; } = Start;

    public IReadOnlyList<ConversationActivity> Activities { get; private set; } = [];

    public IReadOnlyList<ConversationEffect> Effects { get; private set; } = [];

    public bool StateChanged { get; private set; }

    public ConversationStatus Status => State.Status;

    /// <summary>The open task the last request created, as the grain would create it.</summary>
    public string? TaskId => State.OpenTaskId;

    public static ConversationScenario In(ConversationStatus status, ControllerSettings? settings = null, bool wrapUp = false)
    {
        var scenario = new ConversationScenario(settings, wrapUp);
        scenario.CustomerWrites("Hello");
        switch (status)
        {
            case ConversationStatus.Created:
                break;
            case ConversationStatus.Active:
                scenario.AgentTakesOver();
                break;
            case ConversationStatus.Inactive:
                scenario.AgentTakesOver().Step(m => m.AgentLeft(Agent));
                break;
            case ConversationStatus.CustomerLeft:
                // The task's answer to the customer leaving is still outstanding.
                scenario.AgentTakesOver().Step(m => m.CustomerLeft(Service));
                break;
            case ConversationStatus.WrapUp:
                var wrapping = new ConversationScenario(settings, wrapUp: true);
                wrapping.CustomerWrites("Hello").AgentTakesOver();
                var taskId = wrapping.TaskId!;
                wrapping.Step(m => m.CustomerLeft(Service));
                wrapping.Step(m => m.TaskObserved(taskId, AgentTaskStatus.WrapUp, Agent));
                return wrapping.Expect(ConversationStatus.WrapUp);
            case ConversationStatus.Closing:
                scenario.Step(m => m.CustomerLeft(Service));
                break;
            case ConversationStatus.Closed:
                scenario.Step(m => m.CustomerLeft(Service));
                scenario.Step(m => m.CompleteHouseKeeping(closingAlreadyLogged: false));
                break;
        }

        return scenario.Expect(status);
    }

    public T Step<T>(Func<Conversation, T> decide)
    {
        var model = new Conversation("conv-1", State, Sequence, Now, new ConversationIds(() => $"cs-{++_ids}", () => $"task-{++_ids}"));
        var result = decide(model);
        var effects = new List<ConversationEffect>();
        while (model.TryTakeEffect(out var effect))
        {
            effects.Add(effect);
        }

        (State, Sequence, Activities, Effects, StateChanged) = (model.State, model.LastSequence, model.Activities, effects, model.StateChanged);
        return result;
    }

    public void Step(Action<Conversation> decide) => Step(model =>
    {
        decide(model);
        return true;
    });

    /// <summary>A customer message; the open session on its channel takes it unless <paramref name="touch"/> says otherwise.</summary>
    public ConversationActivity? Message(string text, string service = Service, SessionTouch touch = SessionTouch.Touched) => Step(model =>
    {
        if (!model.IsStarted)
        {
            model.Start("cust-1", Settings);
        }

        SessionTouch? touched = model.OpenSessionOn(service) is null ? null : touch;
        return model.ReceiveCustomerMessage(
            new CustomerMessage(service, "WHATSAPP", "+491701234567", "+491701234567", $"wamid.{++_messages}", text, new Dictionary<string, string>(), InactivityTimeout, WrapUp),
            touched);
    });

    public ConversationScenario CustomerWrites(string text, string service = Service)
    {
        Message(text, service);
        return this;
    }

    /// <summary>The customer asks for an agent, the grain creates the task, and the agent accepts it.</summary>
    public ConversationScenario AgentTakesOver(string agentId = Agent)
    {
        CustomerWrites("I want an agent");
        var request = Effects.OfType<ConversationEffect.RequestAgent>().Single();
        Step(m => m.TaskFor(request, PushChannel, "WHATSAPP"));
        Assert.True(Step(m => m.AgentJoined(agentId, request.TaskId)));
        return this;
    }

    public ConversationScenario Expect(ConversationStatus status)
    {
        Assert.Equal(status, State.Status);
        return this;
    }

    public IEnumerable<string> Present => State.Participants.Where(p => p is { Role: ParticipantRole.Agent, LeftAt: null }).Select(p => p.Id);

    public SessionRef OnlySession => Assert.Single(State.Sessions);
}
