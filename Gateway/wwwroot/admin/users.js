// Users and roles: create with a password, change the name or roles, disable, set a new password. Passwords are
// never shown (the API keeps only their hashes).
import { api, el } from '../staff/session.js';
import { FieldForm } from './forms.js';
import { entrySection, statusLine } from './sections.js';

const roles = [['admin', 'Admin'], ['supervisor', 'Supervisor'], ['agent', 'Agent']];

export function usersSection(container, changed) {
  let current = null;
  const password = passwordForm(() => current);
  return entrySection(container, {
    id: 'users',
    title: 'Users and roles',
    noun: 'user',
    path: '/api/admin/users',
    key: 'id',
    keyHeading: 'User id',
    columns: [['Name', (u) => u.displayName], ['Roles', (u) => u.roles.join(', ')], ['Signs in', (u) => (u.disabled ? 'no (disabled)' : 'yes')]],
    fields: [
      { name: 'id', label: 'User id', key: true, required: true, hint: 'Lower-case letters, digits, ., - and _; an agent\'s id too.' },
      { name: 'displayName', label: 'Display name', required: true },
      { name: 'roles', label: 'Roles', type: 'choices', options: roles },
      { name: 'password', label: 'Password', type: 'password', mode: 'create', required: true, hint: 'At least 12 characters.' },
      { name: 'disabled', label: 'Disabled: cannot sign in, and signed-in sessions end', type: 'checkbox', mode: 'edit' },
    ],
    // A change names the user in the URL only.
    toBody: ({ id, ...body }, editing) => (editing === null ? { id, ...body } : body),
    deletable: false,
    onEdit: (entry) => {
      current = entry;
      password.show(entry);
    },
    extras: password.element,
    changed,
  });
}

/** A new password for the picked user; it ends the user's sessions. */
function passwordForm(user) {
  const element = el('div', { class: 'sub', hidden: '' });
  const title = el('h4', { id: 'user-password-title' }, 'Set a new password');
  const form = el('form', { id: 'user-password', 'aria-labelledby': title.id });
  form.append(el('button', { type: 'submit' }, 'Set password'));
  const fields = new FieldForm(form, [
    { name: 'password', label: 'New password', type: 'password', required: true, hint: 'At least 12 characters; the user\'s sessions end.' },
  ]);
  const status = statusLine('user-password-status');
  element.append(title, form, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      await api('POST', `/api/admin/users/${encodeURIComponent(user().id)}/password`, fields.read());
      fields.fill(null);
      status.textContent = `New password set for ${user().id}.`;
    } catch (error) {
      fields.showError(error);
    }
  });
  return {
    element,
    show(entry) {
      fields.fill(null);
      status.textContent = '';
      element.hidden = !entry;
    },
  };
}
