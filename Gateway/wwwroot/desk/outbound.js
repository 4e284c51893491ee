// The desk's "New conversation": the agent writes to a customer first, free text or one of the channel's templates
// with its parameters, and takes the customer's reply. Everything goes through POST /api/outbound/conversations.
import { $, api, ApiError, el } from '../staff/session.js';

const form = { me: null, templates: [], requestId: null, suggested: {} };

/** The numbered parameters a template's body uses ({{1}}, {{2}}...): as many fields as the highest number. */
function parameterCount(body) {
  return Math.max(0, ...[...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
}

/** A request id of the page's own, kept until the request is answered, so sending again after a lost answer starts nothing twice. */
function requestId() {
  if (!form.requestId) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    form.requestId = `desk-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
  return form.requestId;
}

function chosenTemplate() {
  return form.templates.find((t) => t.id === $('out-template').value);
}

function showPreview() {
  const template = chosenTemplate();
  $('out-text-field').hidden = Boolean(template);
  $('out-preview').hidden = !template;
  if (template) {
    const values = [...$('out-params').querySelectorAll('input')].map((input) => input.value);
    $('out-preview').textContent = template.body.replace(/\{\{(\d+)\}\}/g, (whole, n) => values[Number(n) - 1] || whole);
  }
}

function showParameters() {
  const template = chosenTemplate();
  const fields = [];
  for (let n = 1; template && n <= parameterCount(template.body); n++) {
    fields.push(el('label', { for: `out-param-${n}` }, `Parameter ${n}`), el('input', { id: `out-param-${n}`, required: '' }));
  }
  $('out-params').replaceChildren(...fields);
  showPreview();
}

/** The channel's templates, read when the channel is chosen. */
async function loadTemplates() {
  const channel = $('out-channel').value.trim();
  form.templates = channel ? await api('GET', `/api/channels/${encodeURIComponent(channel)}/templates`).catch(() => []) : [];
  form.requestId = null;
  $('out-template').replaceChildren(
    el('option', { value: '' }, 'Free text'),
    ...form.templates.map((t) => el('option', { value: t.id }, `${t.name} (${t.language})`)));
  showParameters();
}

/** Sets the form up for the signed-in agent. */
export function setUpNewConversation(me) {
  form.me = me;
  $('outbound').hidden = false;
  $('outbound').addEventListener('input', (event) => {
    // Another request from here on: a new id.
    form.requestId = null;
    if (event.target.closest('#out-params')) {
      showPreview();
    }
  });
  $('out-channel').addEventListener('change', loadTemplates);
  $('out-template').addEventListener('change', showParameters);
  $('outbound').addEventListener('submit', send);
  loadTemplates();
}

/** The open conversation's customer and channel, offered unless the agent typed others. */
export function suggestRecipient(customerId, channels, replyChannel) {
  const untouched = (id, suggested) => !$(id).value || $(id).value === suggested;
  if (!form.me || !untouched('out-customer', form.suggested.customer)) {
    return;
  }
  if ($('out-customer').value !== customerId) {
    // Another request from here on, as when the agent edits a field.
    form.requestId = null;
    $('out-customer').value = customerId;
  }
  $('out-channels').replaceChildren(...[...new Set(channels)].map((channel) => el('option', { value: channel })));
  if (replyChannel && untouched('out-channel', form.suggested.channel) && $('out-channel').value !== replyChannel) {
    $('out-channel').value = replyChannel;
    loadTemplates();
  }
  form.suggested = { customer: customerId, channel: replyChannel ?? form.suggested.channel };
}

async function send(event) {
  event.preventDefault();
  $('out-error').textContent = '';
  $('out-result').textContent = '';
  const customer = $('out-customer').value.trim();
  const template = chosenTemplate();
  const body = {
    requestId: requestId(),
    channel: $('out-channel').value.trim(),
    ...(customer.startsWith('cust-') ? { customerId: customer } : { customerIdentifier: customer }),
    ...(template
      ? { template: { id: template.id, parameters: [...$('out-params').querySelectorAll('input')].map((input) => input.value) } }
      : { text: $('out-text').value }),
    ownerAgentId: form.me.id,
  };
  try {
    const started = await api('POST', '/api/outbound/conversations', body);
    form.requestId = null;
    $('out-text').value = '';
    $('out-result').textContent = started.joinedLiveConversation
      ? `Sent into the customer's conversation ${started.conversationId}.`
      : `Sent: conversation ${started.conversationId} starts; the customer's reply comes to you.`;
  } catch (error) {
    // A refusal is an answer: a new request next time. A lost answer keeps the id, so sending again is safe.
    if (error instanceof ApiError) {
      form.requestId = null;
      const fields = Object.entries(error.fields).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
      $('out-error').textContent = [error.message, ...fields].join(' ');
    } else {
      $('out-error').textContent = 'No answer from the server: send again, it will not be sent twice.';
    }
  }
}
