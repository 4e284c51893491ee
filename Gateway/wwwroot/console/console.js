// The supervisor console: plain ES module, nothing to build. It reads only the public API (/api/supervision/*, a
// conversation's activities) every two seconds and acts through it (reassigning a task); see ../staff/session.js.
import { $, api, el, signInForm, since } from '../staff/session.js';
import { historyItem, placeInOrder } from '../staff/history.js';
import { setUpReport } from './reports.js';

const REFRESH_MS = 2000;
const state = { work: { queues: [], lists: [] }, agents: [], conversations: [], open: null, refreshing: false };

signInForm(['supervisor', 'admin'], async (me) => {
  $('who').textContent = `Signed in as ${me.name || me.id}`;
  $('console').hidden = false;
  await refresh();
  setInterval(refresh, REFRESH_MS);
  setUpReport();
  $('type-filter').focus();
});

['show-empty', 'show-signed-out'].forEach((id) => $(id).addEventListener('change', render));
// The server narrows the conversations to the type (there may be many); the rest is narrowed here.
$('type-filter').addEventListener('change', () => {
  render();
  refresh();
});
$('view').addEventListener('submit', (event) => event.preventDefault());

async function refresh() {
  if (state.refreshing) {
    return;
  }
  state.refreshing = true;
  try {
    [state.work, state.agents, state.conversations] = await Promise.all([
      api('GET', '/api/supervision/queues'), api('GET', '/api/supervision/agents'), api('GET', `/api/supervision/conversations${chosenType() ? `?channelType=${encodeURIComponent(chosenType())}` : ''}`)]);
    render();
    await readHistory();
    $('offline').hidden = true;
  } catch {
    $('offline').hidden = false;
  } finally {
    state.refreshing = false;
  }
}

function render() {
  showTypes();
  showQueues();
  showWaiting();
  showAgents();
  showConversations();
  showOpenFacts();
}

// --- What to show -------------------------------------------------------------------------------------------------
const chosenType = () => $('type-filter').value;
const ofType = (code) => !chosenType() || code === chosenType();

function showTypes() {
  const codes = state.work.queues.map((q) => q.name);
  setOptions($('type-filter'), [['', 'All channel types'], ...codes.map((code) => [code, code])]);
}

/** Replaces a select's options only when they changed, keeping the choice, so a refresh never undoes what someone picks. */
function setOptions(select, options) {
  const now = [...select.options].map((o) => `${o.value}\u0000${o.textContent}`).join('\u0001');
  if (now === options.map(([value, text]) => `${value}\u0000${text}`).join('\u0001')) {
    return;
  }
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, text]) => el('option', { value }, text)));
  select.value = options.some(([value]) => value === chosen) ? chosen : options[0]?.[0] ?? '';
}

/**
 * One row per item, in order, reusing the row an item already has: a refresh keeps focus, a chosen agent and the
 * reading place. create builds a row's cells once; update writes what changes.
 */
function syncRows(table, items, keyOf, create, update) {
  const body = table.tBodies[0];
  const shown = new Map([...body.rows].map((row) => [row.dataset.key, row]));
  const rows = items.map((item) => {
    let row = shown.get(keyOf(item));
    if (!row) {
      row = create(item);
      row.dataset.key = keyOf(item);
    }
    update(row, item);
    return row;
  });
  shown.forEach((row) => { if (!rows.includes(row)) row.remove(); });
  rows.forEach((row, i) => { if (body.rows[i] !== row) body.insertBefore(row, body.rows[i] || null); });
}

function textRow(count) {
  const row = el('tr');
  for (let i = 0; i < count; i += 1) {
    row.appendChild(el('td'));
  }
  return row;
}

function setCells(row, texts) {
  texts.forEach((text, i) => { if (text !== null && row.cells[i].textContent !== text) row.cells[i].textContent = text; });
}

// --- Queues and pull lists ----------------------------------------------------------------------------------------
function lines() {
  const queues = state.work.queues.map((q) => ({ ...q, kind: 'Channel type', key: `queue:${q.name}`, types: [q.name] }));
  const lists = state.work.lists.map((l) => ({ ...l, kind: 'Pull list', key: `list:${l.name}`, types: l.tasks.map((t) => t.channelTypeCode) }));
  return [...queues, ...lists]
    .filter((line) => (line.waiting > 0 || $('show-empty').checked) && (!chosenType() || line.types.includes(chosenType())))
    .sort((a, b) => b.waiting - a.waiting || a.name.localeCompare(b.name));
}

function showQueues() {
  syncRows($('queues'), lines(), (line) => line.key, () => textRow(4), (row, line) => {
    row.dataset.queue = line.name;
    setCells(row, [line.name, line.kind, String(line.waiting), line.oldestEnqueuedAt ? since(line.oldestEnqueuedAt) : '—']);
  });
}

function showWaiting() {
  const tasks = lines().flatMap((line) => line.tasks.filter((t) => ofType(t.channelTypeCode)).map((task) => ({ ...task, line: line.name })));
  $('no-waiting').hidden = tasks.length > 0;
  $('waiting').hidden = tasks.length === 0;
  syncRows($('waiting'), tasks, (task) => task.taskId, (task) => {
    const row = textRow(3);
    row.dataset.conversation = task.conversationId;
    row.cells[1].appendChild(openButton(task.conversationId));
    const cell = el('td');
    const controls = el('div', { class: 'reassign' });
    const id = `reassign-${task.taskId}`;
    controls.append(el('label', { for: id, class: 'visually-hidden' }, `Reassign the task of conversation ${task.conversationId} to`), el('select', { id }));
    const button = el('button', { type: 'button' }, 'Reassign');
    button.addEventListener('click', () => reassign(task.taskId, $(id).value, $('waiting-error'), $('reassigned')));
    controls.appendChild(button);
    cell.appendChild(controls);
    row.appendChild(cell);
    return row;
  }, (row, task) => {
    setCells(row, [task.line, null, since(task.enqueuedAt)]);
    setOptions(row.querySelector('select'), agentChoices(task.channelTypeCode));
  });
}

/** Signed-in agents who take the channel type: the API refuses the others (409), so they are not offered. */
function agentChoices(channelTypeCode) {
  const able = state.agents.filter((a) => a.agent?.signedIn && (!channelTypeCode || (a.agent.capacity[channelTypeCode] || 0) > 0));
  return [['', 'Choose an agent'], ...able.map((a) => [a.id, `${a.displayName} (${presenceText(a.agent)})`])];
}

/** Offers the task to the agent; errors and status are where the page says how it went. */
async function reassign(taskId, agentId, errors, status) {
  errors.textContent = '';
  status.textContent = '';
  if (!agentId) {
    errors.textContent = 'Choose the agent to give the task to.';
    return;
  }
  try {
    await api('POST', `/api/tasks/${encodeURIComponent(taskId)}/reassign`, { agentId });
    const agent = state.agents.find((a) => a.id === agentId);
    // The task's row goes once it has left the queue; this says where it went.
    status.textContent = `Task ${taskId} offered to ${agent ? agent.displayName : agentId}.`;
    await refresh();
  } catch (error) {
    errors.textContent = error.message;
  }
}

// --- Agents -------------------------------------------------------------------------------------------------------
function presenceText(agent) {
  if (!agent?.signedIn) {
    return 'signed out';
  }
  const presence = { READY: 'ready', NOT_READY: 'not ready', BREAK: 'break' }[agent.presence] || agent.presence.toLowerCase();
  return agent.notReadyReason ? `${presence}: ${agent.notReadyReason}` : presence;
}

function showAgents() {
  const shown = state.agents
    .filter((a) => (a.agent?.signedIn || $('show-signed-out').checked) && (!chosenType() || (a.agent?.capacity[chosenType()] || 0) > 0))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  syncRows($('agents'), shown, (a) => a.id, () => textRow(5), (row, a) => {
    row.dataset.agent = a.id;
    const agent = a.agent;
    // Time in the current presence; an agent view without presenceSince tells only since when a ready agent is available.
    const start = agent?.signedIn ? agent.presenceSince || (agent.presence === 'READY' ? agent.availableSince : null) : null;
    const inState = start && Date.parse(start) > 0 ? since(start) : '—';
    const load = agent ? Object.entries(agent.capacity).map(([type, n]) => `${type} ${a.load[type] || 0}/${n}`).join(', ') : '';
    const tasks = (agent?.tasks || []).map((t) => `${t.state.toLowerCase().replaceAll('_', '-')} …${t.conversationId.slice(-6)}`).join(', ');
    setCells(row, [`${a.displayName} (${a.id})`, presenceText(agent), inState, load, tasks || '—']);
  });
}

// --- Live conversations -------------------------------------------------------------------------------------------
function openButton(conversationId) {
  const button = el('button', { type: 'button', class: 'link', title: conversationId }, `Open …${conversationId.slice(-6)}`);
  button.addEventListener('click', () => openConversation(conversationId));
  return button;
}

function showConversations() {
  const shown = state.conversations.filter((c) => ofType(c.channelTypeCode));
  $('no-conversations').hidden = shown.length > 0;
  $('conversations').hidden = shown.length === 0;
  syncRows($('conversations'), shown, (c) => c.id, (c) => {
    const row = textRow(5);
    row.dataset.conversation = c.id;
    row.cells[0].appendChild(openButton(c.id));
    return row;
  }, (row, c) => {
    setCells(row, [null, c.state.toLowerCase().replaceAll('_', ' '), [c.channelTypeCode, c.serviceIdentifier].filter(Boolean).join(' '),
      c.agentIds.join(', ') || '—', since(c.createdAt)]);
  });
}

// --- One conversation, read-only ----------------------------------------------------------------------------------
async function openConversation(conversationId) {
  state.open = { id: conversationId, after: 0, shown: new Set() };
  $('conversation').hidden = false;
  $('conversation-title').textContent = `Conversation ${conversationId}`;
  $('conversation-error').textContent = '';
  $('conversation-status').textContent = '';
  $('history').replaceChildren();
  showOpenFacts();
  await readHistory();
  $('conversation-title').focus();
}

$('conversation-title').setAttribute('tabindex', '-1');
$('close-conversation').addEventListener('click', () => {
  const row = document.querySelector(`#conversations tr[data-conversation="${state.open.id}"] button`);
  state.open = null;
  $('conversation').hidden = true;
  (row || $('conversations-title')).focus();
});
$('conversations-title').setAttribute('tabindex', '-1');

function showOpenFacts() {
  if (!state.open) {
    return;
  }
  const live = state.conversations.find((c) => c.id === state.open.id);
  $('conversation-facts').textContent = live
    ? `${live.state.toLowerCase().replaceAll('_', ' ')} since ${since(live.stateSince)}, on ${live.channelTypeCode || ''} ${live.serviceIdentifier || ''}`
      + `, agents: ${live.agentIds.join(', ') || 'none'}`
    : 'Closed (no longer live).';
  $('reassign-open').hidden = !live?.openTaskId;
  if (live?.openTaskId) {
    $('reassign-open').dataset.task = live.openTaskId;
    setOptions($('reassign-open-agent'), agentChoices(live.channelTypeCode));
  }
}

$('reassign-open').addEventListener('submit', (event) => {
  event.preventDefault();
  reassign($('reassign-open').dataset.task, $('reassign-open-agent').value, $('conversation-error'), $('conversation-status'));
});

/** Reads the log after the last activity shown: polling keeps the history live without a stream of its own. */
async function readHistory() {
  const open = state.open;
  while (open && state.open === open) {
    const page = await api('GET', `/api/conversations/${encodeURIComponent(open.id)}/activities?after=${open.after}&limit=200`);
    if (state.open !== open) {
      return;
    }
    page.items.forEach((activity) => showActivity(open, activity));
    open.after = Math.max(open.after, page.nextAfterSequence);
    if (!page.hasMore) {
      return;
    }
  }
}

/** Shows an activity once, in sequence order, however the reads of the log overlap. */
function showActivity(open, activity) {
  if (open.shown.has(activity.sequence)) {
    return;
  }
  open.shown.add(activity.sequence);
  const history = $('history');
  const atEnd = history.scrollTop + history.clientHeight >= history.scrollHeight - 8;
  placeInOrder(history, historyItem(activity));
  if (atEnd) {
    history.scrollTop = history.scrollHeight;
  }
}
