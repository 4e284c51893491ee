// Channel types, providers and channels: the plain catalog entries (connectors have their own module).
import { entrySection } from './sections.js';

const seconds = (value) => (value == null ? '—' : `${value} s`);

export function channelTypesSection(container, changed) {
  return entrySection(container, {
    id: 'channel-types',
    title: 'Channel types',
    noun: 'channel type',
    path: '/api/admin/channel-types',
    key: 'code',
    keyHeading: 'Code',
    columns: [['Name', (t) => t.name], ['Customers known by', (t) => t.identityKind]],
    fields: [
      { name: 'code', label: 'Code', key: true, required: true, hint: 'Upper-case letters, digits and _, such as WHATSAPP; agents name it in their capacity.' },
      { name: 'name', label: 'Name', required: true },
      {
        name: 'identityKind',
        label: 'Customers are known by',
        type: 'select',
        options: [['PHONE', 'Phone number'], ['WEB_VISITOR', 'Web visitor id'], ['EMAIL', 'Email address'], ['EXTERNAL', 'External id']],
      },
    ],
    changed,
  });
}

export function providersSection(container, changed) {
  return entrySection(container, {
    id: 'channel-providers',
    title: 'Providers',
    noun: 'provider',
    path: '/api/admin/channel-providers',
    key: 'id',
    keyHeading: 'Id',
    columns: [['Name', (p) => p.name]],
    fields: [
      { name: 'id', label: 'Provider id', key: true, required: true, hint: 'Letters, digits, - and _, such as twilio.' },
      { name: 'name', label: 'Name', required: true },
    ],
    changed,
  });
}

export function channelsSection(container, connectors, changed) {
  const pull = (values) => values.routingMode === 'PULL';
  return entrySection(container, {
    id: 'channels',
    title: 'Channels',
    noun: 'channel',
    path: '/api/admin/channels',
    key: 'serviceIdentifier',
    keyHeading: 'Service identifier',
    columns: [
      ['Name', (c) => c.name],
      ['Connector', (c) => c.connectorId],
      ['Routing', (c) => (c.routingMode === 'PULL' ? `PULL to ${c.pullListName}` : c.routingMode)],
      ['Inactivity', (c) => seconds(c.customerInactivityTimeoutSeconds)],
      ['Wrap-up', (c) => seconds(c.wrapUpTimeoutSeconds)],
    ],
    fields: [
      {
        name: 'serviceIdentifier',
        label: 'Service identifier',
        key: true,
        required: true,
        hint: 'How inbound traffic finds the channel: the business number (+4930123456), web:support, …',
      },
      { name: 'name', label: 'Name', required: true },
      {
        name: 'connectorId',
        label: 'Connector',
        type: 'select',
        required: true,
        options: () => connectors.entries().map((c) => [c.id, `${c.name} (${c.id})`]),
      },
      { name: 'routingMode', label: 'Routing mode', type: 'select', options: [['PUSH', 'Push: offered to a ready agent'], ['PULL', 'Pull: parked on a list agents pull from']] },
      { name: 'pullListName', label: 'Pull list name', required: true, shownWhen: pull },
      {
        name: 'customerInactivityTimeoutSeconds',
        label: 'Customer inactivity timeout (seconds)',
        type: 'number',
        required: true,
        initial: 900,
        hint: 'A silent customer\'s channel session closes after this long.',
      },
      { name: 'wrapUpTimeoutSeconds', label: 'Wrap-up timeout (seconds)', type: 'number', hint: 'Empty: no wrap-up after a conversation.' },
      { name: 'offerTimeoutSeconds', label: 'Offer timeout (seconds)', type: 'number', hint: 'How long an agent has to accept an offer; empty: 30.' },
    ],
    changed,
  });
}

export function templatesSection(container, channels, changed) {
  return entrySection(container, {
    id: 'message-templates',
    title: 'Message templates',
    noun: 'template',
    path: '/api/admin/message-templates',
    key: 'id',
    keyHeading: 'Id',
    columns: [['Channel', (t) => t.serviceIdentifier], ['Name', (t) => t.name], ['Language', (t) => t.language]],
    fields: [
      { name: 'id', label: 'Template id', key: true, required: true, hint: 'Letters, digits, - and _, such as order-shipped-en.' },
      {
        name: 'serviceIdentifier',
        label: 'Channel',
        type: 'select',
        required: true,
        options: () => channels.entries().map((c) => [c.serviceIdentifier, `${c.name} (${c.serviceIdentifier})`]),
      },
      { name: 'name', label: 'Name', required: true, hint: 'What agents pick it by; on WhatsApp also the approved template\'s name unless given below.' },
      { name: 'language', label: 'Language', required: true, hint: 'As the provider names it: en, en_US, de…' },
      { name: 'body', label: 'Body', type: 'textarea', required: true, hint: 'Numbered parameters {{1}}, {{2}}… are filled in for each message.' },
      { name: 'providerTemplateName', label: 'WhatsApp template name', optional: true, hint: 'The name Meta approved it under, if not the name above.' },
    ],
    changed,
  });
}
