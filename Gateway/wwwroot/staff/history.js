// A conversation's history as the staff pages show it (the desk's chats, the console's read-only view): one list item
// per activity of the log, kept in sequence order.
import { el } from './session.js';

const writers = { CUSTOMER_MESSAGE: 'Customer', BOT_MESSAGE: 'Bot', AGENT_MESSAGE: 'Agent' };

/** The list item of an activity: a message with who wrote it, its files and its delivery, or a line of what happened. */
export function historyItem(activity) {
  const item = el('li', { 'data-sequence': String(activity.sequence) });
  if (!writers[activity.kind]) {
    item.className = 'from-system';
    item.textContent = systemText(activity);
    return item;
  }
  item.className = activity.kind === 'CUSTOMER_MESSAGE' ? 'from-customer' : 'from-agent';
  item.appendChild(el('span', { class: 'who-wrote' }, activity.kind === 'AGENT_MESSAGE' ? activity.participantId || 'Agent' : writers[activity.kind]));
  item.appendChild(document.createTextNode(activity.text || ''));
  (activity.attachments || []).forEach((file, index) => item.appendChild(el('a', {
    class: 'attachments',
    href: `/api/conversations/${encodeURIComponent(activity.conversationId)}/activities/${activity.sequence}/attachments/${index}`,
    download: file.name || 'attachment',
  }, `File: ${file.name || file.contentType}`)));
  if (activity.delivery) {
    const failed = activity.delivery === 'FAILED';
    item.appendChild(el('span', { class: failed ? 'tick failed' : 'tick' },
      failed ? `failed${activity.deliveryFailure ? `: ${activity.deliveryFailure}` : ''}` : activity.delivery.toLowerCase()));
  }
  return item;
}

/** Puts the item where its sequence says in the list, in place of one shown for the same sequence before. */
export function placeInOrder(list, item) {
  const sequence = Number(item.dataset.sequence);
  const existing = [...list.children].find((li) => Number(li.dataset.sequence) === sequence);
  if (existing) {
    existing.replaceWith(item);
    return;
  }
  const later = [...list.children].find((li) => Number(li.dataset.sequence) > sequence);
  list.insertBefore(item, later || null);
}

function systemText(activity) {
  switch (activity.kind) {
    case 'PARTICIPANT_JOINED': return `${activity.participantId || 'Someone'} joined`;
    case 'PARTICIPANT_LEFT': return `${activity.participantId || 'Someone'} left`;
    case 'STATE_CHANGED': return `Now ${(activity.data?.state || '').toLowerCase()}`;
    case 'AGENT_REQUESTED': return 'An agent was requested';
    case 'SESSION_OPENED': return `Channel ${activity.serviceIdentifier || ''} opened`;
    case 'SESSION_CLOSED': return `Channel ${activity.serviceIdentifier || ''} closed`;
    default: return activity.text || activity.kind.toLowerCase();
  }
}
