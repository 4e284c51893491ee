// Connectors: kind-specific settings, the connector key shown once (on creation and on a new key), and the provider
// secrets of its kind, which are write-only: the API stores them sealed and never shows them, so neither does this page.
import { api, el } from '../staff/session.js';
import { FieldForm } from './forms.js';
import { entrySection, statusLine } from './sections.js';

// The provider secrets each kind keeps, as Domain/Channels/ConnectorRules.cs names them.
const providerSecrets = [
  { kind: 'TWILIO', name: 'authToken', label: 'Twilio auth token' },
  { kind: 'WHATSAPP_CLOUD', name: 'appSecret', label: 'Meta app secret' },
  { kind: 'WHATSAPP_CLOUD', name: 'accessToken', label: 'WhatsApp access token' },
  { kind: 'WHATSAPP_CLOUD', name: 'verifyToken', label: 'Webhook verify token' },
  { kind: 'WEB_CHAT', name: 'identitySecret', label: 'Web chat identity secret' },
];

export function connectorsSection(container, providers, types, changed) {
  let current = null;
  const extras = el('div', { class: 'extras' });
  const once = keyShownOnce();
  const rotation = newKeyForm(() => current, once.show);
  const secrets = providerSecretsForm(() => current);
  extras.append(once.element, rotation.element, secrets.element);
  const kindIs = (kind) => (values) => values.kind === kind;
  const whatsApp = kindIs('WHATSAPP_CLOUD');

  return entrySection(container, {
    id: 'connectors',
    title: 'Connectors',
    noun: 'connector',
    path: '/api/admin/channel-connectors',
    key: 'id',
    keyHeading: 'Id',
    columns: [['Name', (c) => c.name], ['Kind', (c) => c.kind], ['Provider', (c) => c.providerId], ['Channel type', (c) => c.channelTypeCode]],
    fields: [
      { name: 'id', label: 'Connector id', key: true, required: true, hint: 'Letters, digits, - and _; provider webhook URLs name it.' },
      { name: 'name', label: 'Name', required: true },
      { name: 'providerId', label: 'Provider', type: 'select', required: true, options: () => providers.entries().map((p) => [p.id, `${p.name} (${p.id})`]) },
      { name: 'channelTypeCode', label: 'Channel type', type: 'select', required: true, options: () => types.entries().map((t) => [t.code, `${t.name} (${t.code})`]) },
      {
        name: 'kind',
        label: 'Kind',
        type: 'select',
        options: [['WEBHOOK', 'Webhook: the generic connector API'], ['TWILIO', 'Twilio'], ['WHATSAPP_CLOUD', 'WhatsApp Cloud API'], ['WEB_CHAT', 'Web chat']],
      },
      { name: 'webhookUrl', label: 'Webhook URL', required: true, shownWhen: kindIs('WEBHOOK'), hint: 'Outbound messages are POSTed here.' },
      { name: 'twilio.accountSid', label: 'Twilio account SID', required: true, shownWhen: kindIs('TWILIO'), hint: 'AC and 32 hex digits, as the Twilio console shows it.' },
      { name: 'whatsAppCloud.phoneNumberId', label: 'WhatsApp phone number id', required: true, shownWhen: whatsApp, hint: 'Meta\'s numeric id of the number.' },
      { name: 'whatsAppCloud.outsideWindowTemplate.name', label: 'Template outside the 24-hour window', optional: true, shownWhen: whatsApp, hint: 'Optional: an approved template\'s name.' },
      { name: 'whatsAppCloud.outsideWindowTemplate.language', label: 'Template language', optional: true, shownWhen: whatsApp, hint: 'Such as en or en_US.' },
    ],
    // No template at all rather than one with neither name nor language.
    toBody: (body) => {
      const template = body.whatsAppCloud?.outsideWindowTemplate;
      if (template && template.name === null && template.language === null) {
        body.whatsAppCloud.outsideWindowTemplate = null;
      }
      return body;
    },
    entryOf: (answer) => answer.connector || answer,
    onSaved: (answer) => {
      if (answer.secret) {
        once.show(answer.connector.id, answer.secret, 'Its key');
      }
    },
    onEdit: (entry) => {
      current = entry;
      once.hide();
      rotation.element.hidden = !entry;
      secrets.show(entry);
    },
    extras,
    changed,
  });
}

/** The connector key, in the one answer that has it; it goes away when dismissed or another connector is picked. */
function keyShownOnce() {
  const element = el('div', { class: 'once', role: 'status', hidden: '' });
  const text = el('p');
  const key = el('code', { id: 'connector-key' });
  const done = el('button', { type: 'button', class: 'secondary' }, 'I have copied the key');
  element.append(text, key, done);
  const hide = () => {
    element.hidden = true;
    key.textContent = '';
  };
  done.addEventListener('click', hide);
  return {
    element,
    hide,
    show(connectorId, secret, what, note = '') {
      text.textContent = `${what} for connector ${connectorId} is shown this once and will not be shown again: copy it now.${note}`;
      key.textContent = secret;
      element.hidden = false;
    },
  };
}

/** A new key for the picked connector; the old ones stay good for the overlap (a day unless given). */
function newKeyForm(connector, show) {
  const element = el('div', { class: 'sub', hidden: '' });
  const title = el('h4', { id: 'connector-rotate-title' }, 'New connector key');
  const form = el('form', { id: 'connector-rotate', 'aria-labelledby': title.id });
  form.append(el('button', { type: 'submit' }, 'Make a new key'));
  const fields = new FieldForm(form, [
    { name: 'overlapSeconds', label: 'Old keys stay good for (seconds)', type: 'number', hint: 'Empty: a day; 0 revokes them at once.' },
  ]);
  element.append(title, form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = connector().id;
    try {
      const rotated = await api('POST', `/api/admin/channel-connectors/${encodeURIComponent(id)}/secret`, fields.read());
      fields.fill(null);
      const until = rotated.previousSecretValidUntil ? ` The old keys stay good until ${new Date(rotated.previousSecretValidUntil).toLocaleString()}.` : '';
      show(id, rotated.secret, 'The new key', until);
    } catch (error) {
      fields.showError(error);
    }
  });
  return { element };
}

/** One password box per provider secret of the picked connector's kind; empty ones are left as they are. */
function providerSecretsForm(connector) {
  const element = el('div', { class: 'sub', hidden: '' });
  const title = el('h4', { id: 'provider-secrets-title' }, 'Provider secrets');
  const note = el('p', { class: 'hint' }, 'Write-only: stored sealed and never shown, here or by the API. Fill in the ones to set or replace.');
  const form = el('form', { id: 'provider-secrets', 'aria-labelledby': title.id });
  form.append(el('button', { type: 'submit' }, 'Set secrets'));
  const fields = new FieldForm(form, providerSecrets.map((secret) => ({
    name: secret.name,
    label: secret.label,
    type: 'password',
    shownWhen: () => connector()?.kind === secret.kind,
  })));
  const status = statusLine('provider-secrets-status');
  const state = el('p', { id: 'provider-secrets-state', class: 'hint', 'aria-live': 'polite' });
  element.append(title, note, state, form, status);
  // Which secrets are set, never what they are: the API answers names only. Only the last question's answer shows.
  let asked = 0;
  const showState = async (id) => {
    const question = ++asked;
    state.textContent = '';
    const secrets = await api('GET', `/api/admin/channel-connectors/${encodeURIComponent(id)}/provider-secrets`).catch(() => null);
    if (question !== asked) {
      return;
    }
    const label = (name) => providerSecrets.find((secret) => secret.name === name)?.label ?? name;
    state.textContent = secrets
      ? secrets.map((secret) => `${label(secret.name)}: ${secret.set ? 'set' : 'not set'}.`).join(' ')
      : 'Which secrets are set could not be read.';
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    fields.clearErrors();
    const id = connector().id;
    const given = Object.entries(fields.read()).filter(([, secret]) => secret !== '');
    if (given.length === 0) {
      fields.showError({ message: 'Fill in the secrets to set.' });
      return;
    }
    const set = [];
    for (const [name, secret] of given) {
      try {
        await api('PUT', `/api/admin/channel-connectors/${encodeURIComponent(id)}/provider-secrets/${name}`, { secret });
        set.push(name);
      } catch (error) {
        // The API names the body's field, "secret"; here it is the box of this secret.
        fields.showError({ message: error.message, fields: { [name]: [error.message] } });
        break;
      }
    }
    status.textContent = set.length ? `Set: ${set.join(', ')}.` : '';
    given.filter(([name]) => set.includes(name)).forEach(([name]) => { fields.controls.get(name).value = ''; });
    showState(id);
  });
  return {
    element,
    show(entry) {
      fields.fill(null);
      status.textContent = '';
      element.hidden = !entry || !providerSecrets.some((secret) => secret.kind === entry.kind);
      if (!element.hidden) {
        showState(entry.id);
      }
    },
  };
}
