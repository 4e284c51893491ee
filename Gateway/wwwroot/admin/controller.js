// The controller bot's settings: one form, read from and written to /api/admin/controller.
import { api, el } from '../staff/session.js';
import { FieldForm } from './forms.js';
import { card, statusLine } from './sections.js';

const text = (name, label, hint) => ({ name, label, type: 'textarea', optional: true, hint });
const flag = (name, label) => ({ name, label, type: 'checkbox' });

export function controllerSection(container) {
  const section = card(container, 'controller', 'Controller bot');
  const form = el('form', { id: 'controller-form', 'aria-labelledby': 'controller-title' });
  form.append(el('button', { type: 'submit' }, 'Save bot settings'));
  const fields = new FieldForm(form, [
    text('greetingText', 'Greeting', 'Sent when a conversation starts; empty: none.'),
    { name: 'agentRequestKeywords', label: 'Words that ask for an agent', type: 'list', hint: 'Comma separated, whole words in any case, such as agent, human.' },
    flag('handOverImmediately', 'Hand every new conversation to an agent at once'),
    text('handOverText', 'Hand-over text', 'Sent when the bot hands over to an agent; empty: none.'),
    flag('closeSessionOnCustomerLeft', 'Close the channel session when the connector says the customer left'),
    flag('closeSessionOnInactivity', 'Close the channel session when the customer is inactive for the channel\'s timeout'),
    text('inactivityClosingText', 'Text before closing an inactive session', 'Empty: none.'),
    text('surveyText', 'Survey', 'Sent when the last agent leaves while the customer is still there; empty: none.'),
    flag('closeSessionWhenAgentsLeave', 'Close the customer\'s channel sessions when the last agent leaves'),
    flag('requeueWhenAgentsLeave', 'Queue the conversation for another agent when the last agent leaves (else the bot takes over)'),
    { name: 'wrapUpCodes', label: 'Wrap-up codes agents choose from', type: 'list', hint: 'Comma separated, such as RESOLVED, CALLBACK; empty: agents write their own.' },
    { name: 'notReadyReasons', label: 'Not-ready reasons agents choose from', type: 'list', hint: 'Comma separated, such as Meeting, Lunch; at least one.' },
  ]);
  const status = statusLine('controller-status');
  section.append(form, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      fields.fill(await api('PUT', '/api/admin/controller', fields.read()));
      status.textContent = 'Saved the bot settings.';
    } catch (error) {
      fields.showError(error);
    }
  });
  return {
    async load() {
      fields.fill(await api('GET', '/api/admin/controller'));
    },
  };
}
