// The agent desk: plain ES module, nothing to build. Everything it does goes through the public API and the agent's
// event stream (see ../staff/session.js for signing in).
import { $, api, el, signInForm, since } from '../staff/session.js';
import { historyItem, placeInOrder } from '../staff/history.js';
import { setUpNewConversation, suggestRecipient } from './outbound.js';

const state = { me: null, agent: null, source: null, lastEventId: null, chats: new Map(), current: null, wrapUpCodes: [], audio: null, reopening: null, reopenDelay: 1000 };

const agentPath = () => `/api/agents/${encodeURIComponent(state.me.id)}`;
const conversationPath = (id) => `/api/conversations/${encodeURIComponent(id)}`;

/** A .NET TimeSpan as JSON writes it ("00:00:30", "1.02:00:00") in milliseconds. */
function duration(text) {
  const [, days, hours, minutes, seconds] = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text || '') || [];
  return hours === undefined ? 0 : (((Number(days || 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

function secondsLeft(deadline) {
  return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
}

// Countdowns, time in state and waiting times move on by themselves.
setInterval(() => {
  document.querySelectorAll('[data-deadline]').forEach((node) => {
    node.textContent = `${node.dataset.prefix} ${secondsLeft(Number(node.dataset.deadline))} s`;
  });
  document.querySelectorAll('[data-since]').forEach((node) => { node.textContent = `${node.dataset.prefix} ${since(node.dataset.since)}`; });
}, 1000);

// --- Sign-in ------------------------------------------------------------------------------------------------------
signInForm(['agent'], async (me) => {
  state.me = me;
  $('desk').hidden = false;
  $('who').textContent = `Signed in as ${me.name || me.id}`;
  const agent = await api('GET', agentPath()).catch(() => null);
  if (agent && agent.signedIn) {
    $('capacity').value = Object.entries(agent.capacity).map(([type, n]) => `${type}:${n}`).join(', ');
  }
  state.wrapUpCodes = await api('GET', '/api/wrap-up-codes').catch(() => []);
  // The reasons an admin configured; the page's own list stands if they cannot be read.
  const reasons = await api('GET', '/api/not-ready-reasons').catch(() => null);
  if (reasons && reasons.length) {
    $('reason').replaceChildren(...reasons.map((reason) => el('option', {}, reason)));
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
    // Browsers let a page play sound only after the user did something on it: this click.
    state.audio = new AudioContext();
    $('start').hidden = true;
    $('working').hidden = false;
    connect();
    refreshPullLists();
    setInterval(refreshPullLists, 3000);
    setUpNewConversation(state.me);
  } catch (error) {
    $('start-error').textContent = error.message;
  }
});

async function setPresence(presence, reason) {
  $('presence-error').textContent = '';
  try {
    showAgent(await api('PUT', `${agentPath()}/presence`, { presence, reason }));
  } catch (error) {
    $('presence-error').textContent = error.message;
  }
}
$('ready').addEventListener('click', () => setPresence('READY'));
$('break').addEventListener('click', () => setPresence('BREAK'));
$('not-ready').addEventListener('click', () => setPresence('NOT_READY', $('reason').value));

// --- The live stream ----------------------------------------------------------------------------------------------
/**
 * EventSource sends Last-Event-ID when it reconnects by itself; when the browser says it went offline the stream is
 * closed and opened again from the last event seen (?after=). The stream's cursor only knows conversations it sent a
 * message of, so each open conversation also reads the log after what it shows; messages are keyed by sequence, so
 * nothing shows twice.
 */
function connect() {
  clearTimeout(state.reopening);
  state.source?.close();
  $('offline').textContent = 'Offline: reconnecting…';
  const after = state.lastEventId ? `?after=${encodeURIComponent(state.lastEventId)}` : '';
  state.source = new EventSource(`${agentPath()}/events${after}`);
  state.source.onopen = () => {
    if (!$('offline').hidden) {
      catchUp();
    }
    $('offline').hidden = true;
    state.reopenDelay = 1000;
  };
  state.source.onerror = (event) => {
    $('offline').hidden = false;
    // The stream ends when the access token expires, and the browser then gives up on a 401: renew the token and reopen.
    if (event.target.readyState === EventSource.CLOSED) {
      reopenLater();
    }
  };
  const on = (name, handle) => state.source.addEventListener(name, (e) => {
    state.lastEventId = e.lastEventId || state.lastEventId;
    handle(JSON.parse(e.data));
  });
  on('agent', showAgent);
  on('offer', (offer) => {
    showOffer(offer);
    refreshAgent();
  });
  on('offer-withdrawn', (offer) => {
    removeOffer(offer.taskId);
    refreshAgent();
  });
  on('task', (change) => {
    taskChanged(change);
    refreshAgent();
  });
  on('message', showActivity);
  on('delivery', (change) => reread(change.conversationId, change.sequence));
}

/**
 * Reopens the stream once the API takes the session again (a 401 renews it), waiting longer after each failed try (up
 * to 30 s) so a stream refused for another reason is not asked for every second; an ended session says so and stops.
 */
function reopenLater() {
  clearTimeout(state.reopening);
  const delay = state.reopenDelay;
  state.reopenDelay = Math.min(delay * 2, 30000);
  state.reopening = setTimeout(async () => {
    try {
      await api('GET', '/api/auth/me');
      connect();
    } catch (error) {
      if (error.status === 401) {
        $('offline').textContent = 'Signed out: the session has ended. Reload the page to sign in again.';
      } else {
        reopenLater();
      }
    }
  }, delay);
}

/** Presence and load move with tasks too (an offer left unanswered sets the agent not ready). */
async function refreshAgent() {
  const agent = await api('GET', agentPath()).catch(() => null);
  if (agent) {
    showAgent(agent);
  }
}

function catchUp() {
  state.chats.forEach(async (chat) => {
    const after = Math.max(0, ...chat.items.keys());
    const page = await api('GET', `${conversationPath(chat.conversationId)}/activities?after=${after}&limit=500`).catch(() => null);
    page?.items.forEach(showActivity);
  });
}

/** A message's delivery moved on: show it as the log has it now. */
async function reread(conversationId, sequence) {
  if (!state.chats.has(conversationId)) {
    return;
  }
  const page = await api('GET', `${conversationPath(conversationId)}/activities?after=${sequence - 1}&limit=1`).catch(() => null);
  page?.items.forEach(showActivity);
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

const presenceWords = { READY: 'ready', BREAK: 'on a break', NOT_READY: 'not ready' };

function showAgent(agent) {
  state.agent = agent;
  $('presence-now').textContent = presenceWords[agent.presence]
    + (agent.presence === 'NOT_READY' && agent.notReadyReason ? ` (${agent.notReadyReason})` : '');
  Object.assign($('presence-since').dataset, { since: agent.presenceSince, prefix: 'for' });
  $('presence-since').textContent = `for ${since(agent.presenceSince)}`;
  showLoad(agent);
  for (const task of agent.tasks) {
    if (task.state === 'ACTIVE' || task.state === 'WRAP_UP') {
      openChat(task.conversationId, task.taskId, task.state);
    } else if (task.state === 'OFFERED' && !document.querySelector(`[data-offer="${task.taskId}"]`)) {
      showOffer({ taskId: task.taskId, conversationId: task.conversationId });
    }
  }
}

/** Per channel type, the tasks held (offered, active, in wrap-up) against the capacity. */
function showLoad(agent) {
  $('load').replaceChildren(...Object.entries(agent.capacity).map(([type, capacity]) => {
    const held = agent.tasks.filter((t) => t.channelTypeCode === type).length;
    return el('li', { class: held >= capacity ? 'full' : '' }, `${type}: ${held} of ${capacity} in use`);
  }));
}

function chime() {
  if (!state.audio) {
    return;
  }
  const tone = state.audio.createOscillator();
  const gain = state.audio.createGain();
  tone.frequency.value = 880;
  gain.gain.setValueAtTime(0.2, state.audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, state.audio.currentTime + 0.6);
  tone.connect(gain).connect(state.audio.destination);
  tone.start();
  tone.stop(state.audio.currentTime + 0.6);
}

/** An offer: who, on which channel, what they wrote first, and how long is left to answer. */
async function showOffer(offer) {
  if (document.querySelector(`[data-offer="${offer.taskId}"]`)) {
    return;
  }
  const card = el('div', { class: 'card offer', 'data-offer': offer.taskId, role: 'alertdialog', 'aria-label': 'New conversation offered' });
  card.appendChild(el('h2', {}, 'New conversation offered'));
  const who = el('p', {}, `Conversation ${offer.conversationId}`);
  const said = el('p');
  const countdown = el('p', { class: 'countdown', role: 'timer' });
  const accept = el('button', { type: 'button' }, 'Accept');
  const reject = el('button', { type: 'button', class: 'secondary' }, 'Reject');
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
  card.append(who, said, countdown, accept, reject);
  $('offers').appendChild(card);
  accept.focus();
  chime();
  const task = await api('GET', `/api/tasks/${offer.taskId}`).catch(() => null);
  if (task?.offeredAt) {
    const deadline = Date.parse(task.offeredAt) + duration(task.spec.offerTimeout);
    Object.assign(countdown.dataset, { deadline: String(deadline), prefix: 'Answer within' });
    countdown.textContent = `Answer within ${secondsLeft(deadline)} s`;
    who.textContent = `A customer on ${task.spec.serviceIdentifier} (${task.spec.channelTypeCode})`;
  }
  const page = await api('GET', `${conversationPath(offer.conversationId)}/activities?after=0&limit=50`).catch(() => null);
  const first = page?.items.find((a) => a.kind === 'CUSTOMER_MESSAGE');
  if (first) {
    who.textContent = `${first.sender || 'A customer'} on ${first.serviceIdentifier}`;
    said.textContent = first.text ? `“${first.text}”` : '';
  }
}

function removeOffer(taskId) {
  document.querySelectorAll(`[data-offer="${taskId}"]`).forEach((card) => card.remove());
}

/** A task of the agent's changed; one in hand now offered to someone else was transferred away by a supervisor. */
function taskChanged(change) {
  const chat = state.chats.get(change.conversationId);
  if (change.taskState === 'OFFERED' && !chat) {
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

// --- Pull lists ---------------------------------------------------------------------------------------------------
async function refreshPullLists() {
  const lists = await api('GET', `${agentPath()}/pull-lists`).catch(() => null);
  if (!lists) {
    return;
  }
  $('pull').hidden = lists.length === 0;
  $('pull-lists').replaceChildren(...lists.map((list) => {
    const section = el('section', { 'aria-label': `Pull list ${list.name}` });
    section.appendChild(el('h3', {}, `${list.name} (${list.tasks.length} waiting)`));
    const rows = list.tasks.map((task) => {
      const waited = el('td', { 'data-since': task.enqueuedAt, 'data-prefix': 'waiting' }, `waiting ${since(task.enqueuedAt)}`);
      const pull = el('button', { type: 'button', 'aria-label': `Pull ${task.channelTypeCode} conversation ${task.conversationId.slice(-6)} from ${list.name}` }, 'Pull');
      pull.addEventListener('click', () => pullTask(task, pull));
      const row = el('tr', { 'data-task': task.taskId });
      row.append(el('td', {}, task.channelTypeCode), el('td', {}, `Conversation ${task.conversationId.slice(-6)}`), waited, el('td'));
      row.lastChild.appendChild(pull);
      return row;
    });
    if (rows.length) {
      const table = el('table');
      table.append(...rows);
      section.appendChild(table);
    }
    return section;
  }));
}

async function pullTask(task, button) {
  $('pull-error').textContent = '';
  button.disabled = true;
  try {
    await api('POST', `${agentPath()}/tasks/${task.taskId}/pull`);
    openChat(task.conversationId, task.taskId, 'ACTIVE', true);
  } catch (error) {
    $('pull-error').textContent = error.status === 409 ? `Another agent took that conversation first. ${error.message}` : error.message;
  }
  refreshPullLists();
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
  chat.button.textContent = `${chat.customer || `Conversation ${chat.conversationId.slice(-6)}`}${chat.unread ? ` (${chat.unread} new)` : ''}`;
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
  showCustomer(chat);
  if (!chat.loaded) {
    chat.loaded = true;
    const page = await api('GET', `${conversationPath(conversationId)}/activities?after=0&limit=500`);
    page.items.forEach(showActivity);
  }
  $('reply').focus();
}

/** Who the customer is: every identity the runtime knows them by. */
async function showCustomer(chat) {
  const customer = await api('GET', `${conversationPath(chat.conversationId)}/customer`).catch(() => null);
  if (!customer || state.current !== chat.conversationId) {
    return;
  }
  const rows = [['Customer', customer.id], ...customer.identities.map((i) => [i.kind.toLowerCase().replace('_', ' '), i.value]),
    ['Known since', new Date(customer.createdAt).toLocaleDateString()]];
  $('customer').replaceChildren(...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
  chat.customer = customer.identities[0]?.value;
  label(chat);
}

/**
 * The conversation's channel sessions: which are open, their channel data, and where a reply goes (the open session
 * the customer wrote on last); a WhatsApp session says whether its 24-hour window is open.
 */
async function showChannels(conversationId) {
  const conversation = await api('GET', conversationPath(conversationId)).catch(() => null);
  if (!conversation || state.current !== conversationId) {
    return;
  }
  const open = conversation.channelSessions.filter((s) => s.status !== 'CLOSED');
  const replyTo = open.sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt))[0];
  suggestRecipient(conversation.customerId, conversation.channelSessions.map((s) => s.serviceIdentifier), replyTo?.serviceIdentifier);
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
  const closed = replyTo?.replyWindow && !replyTo.replyWindow.open;
  $('window-note').hidden = !closed;
  $('window-note').textContent = closed
    ? 'WhatsApp’s 24-hour window is closed: the customer gets the approved template, not your text, until they write again.'
    : '';
}

async function showWork(chat) {
  $('compose').hidden = chat.state === 'WRAP_UP';
  $('wrap-up').hidden = chat.state !== 'WRAP_UP';
  if (chat.state !== 'WRAP_UP') {
    return;
  }
  const configured = state.wrapUpCodes.length > 0;
  $('code-choices').hidden = !configured;
  $('code-text').hidden = configured;
  $('code-choices').replaceChildren(el('legend', {}, 'Wrap-up codes'), ...state.wrapUpCodes.map((code) => {
    const choice = el('label');
    choice.append(el('input', { type: 'checkbox', value: code }), document.createTextNode(code));
    return choice;
  }));
  const task = await api('GET', `/api/tasks/${chat.taskId}`).catch(() => null);
  const timer = $('wrap-up-countdown');
  if (task?.wrapUpDeadline) {
    Object.assign(timer.dataset, { deadline: String(Date.parse(task.wrapUpDeadline)), prefix: 'Wrap-up ends in' });
    timer.textContent = `Wrap-up ends in ${secondsLeft(Date.parse(task.wrapUpDeadline))} s`;
  } else {
    delete timer.dataset.deadline;
    timer.textContent = '';
  }
}

// The desk shows the messages and who came and went; the console shows every step.
const shownKinds = ['CUSTOMER_MESSAGE', 'BOT_MESSAGE', 'AGENT_MESSAGE', 'SYSTEM_MESSAGE', 'PARTICIPANT_JOINED', 'PARTICIPANT_LEFT'];

function showActivity(activity) {
  const chat = state.chats.get(activity.conversationId);
  if (!chat || !shownKinds.includes(activity.kind)) {
    return;
  }
  const existing = chat.items.get(activity.sequence);
  const item = historyItem(activity);
  chat.items.set(activity.sequence, item);
  if (state.current === chat.conversationId) {
    placeInOrder($('history'), item);
    if (!existing) {
      item.scrollIntoView({ block: 'nearest' });
    }
  } else if (!existing && activity.kind === 'CUSTOMER_MESSAGE') {
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
  const file = $('attachment').files[0];
  if (!text && !file) {
    return;
  }
  work(async (chat) => {
    const upload = file ? await api('POST', `/api/uploads?name=${encodeURIComponent(file.name)}`, file) : null;
    await api('POST', `${agentPath()}/tasks/${chat.taskId}/messages`, { text, attachmentId: upload?.id });
    $('reply').value = '';
    $('attachment').value = '';
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
  const codes = state.wrapUpCodes.length
    ? [...$('code-choices').querySelectorAll('input:checked')].map((box) => box.value)
    : $('codes').value.split(',').map((c) => c.trim()).filter(Boolean);
  work((chat) => api('POST', `${agentPath()}/tasks/${chat.taskId}/wrap-up`, { codes, notes: $('notes').value || null }));
});
