// The agent desk: plain ES module, nothing to build. Everything it does goes through the public API and the agent's
// event stream (see ../staff/session.js for signing in).
import { $, api, el, signInForm } from '../staff/session.js';

const state = { me: null, source: null, lastEventId: null, chats: new Map(), current: null };

const agentPath = () => `/api/agents/${encodeURIComponent(state.me.id)}`;

// --- Sign-in ------------------------------------------------------------------------------------------------------
signInForm(['agent'], async (me) => {
  state.me = me;
  $('desk').hidden = false;
  $('who').textContent = `Signed in as ${me.name || me.id}`;
  const agent = await api('GET', agentPath()).catch(() => null);
  if (agent && agent.signedIn) {
    $('capacity').value = Object.entries(agent.capacity).map(([type, n]) => `${type}:${n}`).join(', ');
  }
  $('capacity').focus();
});

$('start').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('start-error').textContent = '';
  const capacity = {};
  for (const part of $('capacity').value.split(',')) {
    const [type, count] = part.split(':').map((s) => s.trim());
    if (type) {
      capacity[type.toUpperCase()] = Number(count || 1);
    }
  }
  try {
    await api('POST', `${agentPath()}/sign-in`, { name: state.me.name || state.me.id, capacity });
    $('start').hidden = true;
    $('presence').hidden = false;
    connect();
  } catch (error) {
    $('start-error').textContent = error.message;
  }
});

async function setPresence(presence) {
  await api('PUT', `${agentPath()}/presence`, { presence });
  showAgent(await api('GET', agentPath()));
}
$('ready').addEventListener('click', () => setPresence('READY'));
$('not-ready').addEventListener('click', () => setPresence('NOT_READY'));

// --- The live stream ----------------------------------------------------------------------------------------------
/**
 * EventSource sends Last-Event-ID when it reconnects by itself; when the browser says it went offline the stream is
 * closed and opened again from the last event seen (?after=). The stream's cursor only knows conversations it sent a
 * message of, so each open conversation also reads the log after what it shows; messages are keyed by sequence, so
 * nothing shows twice.
 */
function connect() {
  state.source?.close();
  const after = state.lastEventId ? `?after=${encodeURIComponent(state.lastEventId)}` : '';
  state.source = new EventSource(`${agentPath()}/events${after}`);
  state.source.onopen = () => {
    if (!$('offline').hidden) {
      catchUp();
    }
    $('offline').hidden = true;
  };
  state.source.onerror = () => { $('offline').hidden = false; };
  const on = (name, handle) => state.source.addEventListener(name, (e) => {
    state.lastEventId = e.lastEventId || state.lastEventId;
    handle(JSON.parse(e.data));
  });
  on('agent', showAgent);
  on('offer', showOffer);
  on('offer-withdrawn', (offer) => removeOffer(offer.taskId));
  on('task', taskChanged);
  on('message', showActivity);
}

function catchUp() {
  state.chats.forEach(async (chat) => {
    const after = Math.max(0, ...chat.items.keys());
    const page = await api('GET', `/api/conversations/${encodeURIComponent(chat.conversationId)}/activities?after=${after}&limit=500`).catch(() => null);
    page?.items.forEach(showActivity);
  });
}

window.addEventListener('offline', () => {
  $('offline').hidden = false;
  state.source?.close();
});
window.addEventListener('online', () => {
  if (state.source) {
    connect();
  }
});

function showAgent(agent) {
  $('presence-now').textContent = agent.presence === 'READY' ? 'ready' : 'not ready';
  for (const task of agent.tasks) {
    if (task.state === 'ACTIVE' || task.state === 'WRAP_UP') {
      openChat(task.conversationId, task.taskId, task.state);
    } else if (task.state === 'OFFERED' && !document.querySelector(`[data-offer="${task.taskId}"]`)) {
      showOffer({ taskId: task.taskId, conversationId: task.conversationId });
    }
  }
}

function showOffer(offer) {
  const card = el('div', { class: 'card offer', 'data-offer': offer.taskId, role: 'alertdialog', 'aria-label': 'New conversation offered' });
  card.appendChild(el('h2', {}, 'New conversation offered'));
  const first = offer.activity && offer.activity.text;
  card.appendChild(el('p', {}, first ? `“${first}”` : `Conversation ${offer.conversationId}`));
  const accept = el('button', { type: 'button' }, 'Accept');
  const reject = el('button', { type: 'button' }, 'Reject');
  accept.addEventListener('click', async () => {
    try {
      await api('POST', `${agentPath()}/tasks/${offer.taskId}/accept`);
      removeOffer(offer.taskId);
      openChat(offer.conversationId, offer.taskId, 'ACTIVE', true);
    } catch (error) {
      card.appendChild(el('p', { class: 'error', role: 'alert' }, error.message));
    }
  });
  reject.addEventListener('click', async () => {
    await api('POST', `${agentPath()}/tasks/${offer.taskId}/reject`).catch(() => {});
    removeOffer(offer.taskId);
  });
  card.append(accept, reject);
  $('offers').appendChild(card);
  accept.focus();
}

function removeOffer(taskId) {
  document.querySelectorAll(`[data-offer="${taskId}"]`).forEach((card) => card.remove());
}

function taskChanged(change) {
  const chat = state.chats.get(change.conversationId);
  if (change.taskState === 'OFFERED') {
    return;
  }
  removeOffer(change.taskId);
  if (!chat) {
    return;
  }
  chat.state = change.taskState;
  if (change.taskState !== 'ACTIVE' && change.taskState !== 'WRAP_UP') {
    state.chats.delete(change.conversationId);
    chat.button.parentElement.remove();
    if (state.current === change.conversationId) {
      state.current = null;
      $('conversation').hidden = true;
    }
  } else if (state.current === change.conversationId) {
    showWork(chat);
  }
}

// --- Conversations ------------------------------------------------------------------------------------------------
function openChat(conversationId, taskId, taskState, focus) {
  let chat = state.chats.get(conversationId);
  if (!chat) {
    const button = el('button', { type: 'button' });
    chat = { conversationId, taskId, state: taskState, items: new Map(), unread: 0, button, loaded: false };
    button.addEventListener('click', () => select(conversationId));
    const item = el('li');
    item.appendChild(button);
    $('chats').appendChild(item);
    state.chats.set(conversationId, chat);
  }
  chat.taskId = taskId;
  chat.state = taskState;
  label(chat);
  if (focus || !state.current) {
    select(conversationId);
  }
}

function label(chat) {
  chat.button.textContent = `Conversation ${chat.conversationId.slice(-6)}${chat.unread ? ` (${chat.unread} new)` : ''}`;
  const unread = [...state.chats.values()].reduce((sum, c) => sum + c.unread, 0);
  document.title = unread ? `(${unread}) Agent desk` : 'Agent desk';
}

async function select(conversationId) {
  const chat = state.chats.get(conversationId);
  state.current = conversationId;
  state.chats.forEach((c) => c.button.setAttribute('aria-current', String(c === chat)));
  chat.unread = 0;
  label(chat);
  $('conversation').hidden = false;
  $('conversation-title').textContent = `Conversation ${conversationId}`;
  const history = $('history');
  history.replaceChildren(...[...chat.items.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item));
  showWork(chat);
  showChannels(conversationId);
  if (!chat.loaded) {
    chat.loaded = true;
    const page = await api('GET', `/api/conversations/${encodeURIComponent(conversationId)}/activities?after=0&limit=500`);
    page.items.forEach(showActivity);
  }
  $('reply').focus();
}

/**
 * The conversation's channel sessions: which are open, their channel data, and where a reply goes (the open session
 * the customer wrote on last); a WhatsApp session says whether its 24-hour window is open.
 */
async function showChannels(conversationId) {
  const conversation = await api('GET', `/api/conversations/${encodeURIComponent(conversationId)}`).catch(() => null);
  if (!conversation || state.current !== conversationId) {
    return;
  }
  const open = conversation.channelSessions.filter((s) => s.status !== 'CLOSED');
  const replyTo = open.sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt))[0];
  $('channels').replaceChildren(...conversation.channelSessions.map((session) => {
    const item = el('li', { class: session.status === 'CLOSED' ? 'closed' : 'open' });
    const window = session.replyWindow ? (session.replyWindow.open ? ', reply window open' : ', reply window closed: templates only') : '';
    item.appendChild(el('strong', {}, `${session.channelTypeCode} ${session.serviceIdentifier}`));
    item.appendChild(document.createTextNode(
      ` ${session.customerChannelIdentifier}, ${session.status.toLowerCase()}${window}${session === replyTo ? ' (replies go here)' : ''}`));
    const data = Object.entries(session.channelData || {});
    if (data.length) {
      const list = el('dl');
      data.forEach(([key, value]) => list.append(el('dt', {}, key), el('dd', {}, value)));
      item.appendChild(list);
    }
    return item;
  }));
}

function showWork(chat) {
  $('compose').hidden = chat.state === 'WRAP_UP';
  $('wrap-up').hidden = chat.state !== 'WRAP_UP';
}

const shownKinds = { CUSTOMER_MESSAGE: 'customer', BOT_MESSAGE: 'bot', AGENT_MESSAGE: 'agent', SYSTEM_MESSAGE: 'system' };

function showActivity(activity) {
  const chat = state.chats.get(activity.conversationId);
  const from = shownKinds[activity.kind]
    || (activity.kind === 'PARTICIPANT_JOINED' || activity.kind === 'PARTICIPANT_LEFT' ? 'system' : null);
  if (!chat || !from) {
    return;
  }
  const existing = chat.items.get(activity.sequence);
  const item = el('li', { class: `from-${from === 'bot' ? 'agent' : from}`, 'data-sequence': String(activity.sequence) });
  if (from === 'system') {
    item.textContent = activity.text || `${activity.participantId || 'Someone'} ${activity.kind === 'PARTICIPANT_JOINED' ? 'joined' : 'left'}`;
  } else {
    item.appendChild(el('span', { class: 'who-wrote' }, from === 'customer' ? 'Customer' : from === 'bot' ? 'Bot' : activity.participantId || 'Agent'));
    item.appendChild(document.createTextNode(activity.text || ''));
    if (activity.delivery) {
      item.appendChild(el('span', { class: 'tick' }, activity.delivery.toLowerCase()));
    }
  }
  chat.items.set(activity.sequence, item);
  if (state.current === chat.conversationId) {
    if (existing) {
      existing.replaceWith(item);
    } else {
      const later = [...$('history').children].find((li) => Number(li.dataset.sequence) > activity.sequence);
      $('history').insertBefore(item, later || null);
      item.scrollIntoView({ block: 'nearest' });
    }
  } else if (!existing && from === 'customer') {
    chat.unread += 1;
    label(chat);
  }
}

// --- Working a conversation ---------------------------------------------------------------------------------------
function currentChat() {
  return state.chats.get(state.current);
}

async function work(action) {
  $('work-error').textContent = '';
  try {
    await action(currentChat());
  } catch (error) {
    $('work-error').textContent = error.message;
  }
}

$('compose').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('reply').value.trim();
  if (!text) {
    return;
  }
  work(async (chat) => {
    await api('POST', `${agentPath()}/tasks/${chat.taskId}/messages`, { text });
    $('reply').value = '';
  });
});
$('reply').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('compose').requestSubmit();
  }
});
$('leave').addEventListener('click', () => work((chat) => api('POST', `${agentPath()}/tasks/${chat.taskId}/leave`)));
$('wrap-up').addEventListener('submit', (event) => {
  event.preventDefault();
  const codes = $('codes').value.split(',').map((c) => c.trim()).filter(Boolean);
  work((chat) => api('POST', `${agentPath()}/tasks/${chat.taskId}/wrap-up`, { codes, notes: $('notes').value || null }));
});
