// An admin section: a card with the list of one kind of entry and a form that creates one, or changes the one picked
// from the list.
import { api, el } from '../staff/session.js';
import { FieldForm } from './forms.js';

/** A titled card in the page, reachable from the section links. */
export function card(container, id, title) {
  const section = el('section', { id, class: 'card section', 'aria-labelledby': `${id}-title`, tabindex: '-1' });
  section.append(el('h2', { id: `${id}-title` }, title));
  container.append(section);
  return section;
}

function markCurrent(row, current) {
  if (current) {
    row.setAttribute('aria-current', 'true');
  } else {
    row.removeAttribute('aria-current');
  }
}

/** A line under a form that says what just happened ("Created channel x."). */
export function statusLine(id) {
  return el('p', { class: 'status', role: 'status', id });
}

/**
 * options: { id, title, noun, path, key, keyHeading, columns: [[heading, entry => text]], fields (see forms.js),
 * toBody(body, editingKey), entryOf(answer) (the entry in a create answer), onSaved(answer, created), onEdit(entry),
 * extras (an element shown under the form), deletable (default true), changed() (reloads what depends on entries) }.
 */
export function entrySection(container, options) {
  const { id, noun, path, key } = options;
  const section = card(container, id, options.title);
  const rows = el('tbody');
  const head = el('tr');
  [options.keyHeading, ...options.columns.map(([heading]) => heading)].forEach((heading) => head.append(el('th', { scope: 'col' }, heading)));
  const table = el('table', { 'aria-label': options.title });
  table.append(el('thead'), rows);
  table.tHead.append(head);
  const list = el('div', { class: 'table-wrap' });
  list.append(table);

  const formTitle = el('h3', { id: `${id}-form-title` });
  const form = el('form', { id: `${id}-form`, 'aria-labelledby': formTitle.id });
  const submit = el('button', { type: 'submit' });
  const another = el('button', { type: 'button', class: 'secondary' }, `New ${noun}`);
  const remove = el('button', { type: 'button', class: 'secondary' }, `Delete ${noun}`);
  const actions = el('div', { class: 'actions' });
  actions.append(submit, another, remove);
  form.append(actions);
  const fields = new FieldForm(form, options.fields);
  const status = statusLine(`${id}-status`);
  const editor = el('div', { class: 'editor' });
  editor.append(formTitle, form, status, ...(options.extras ? [options.extras] : []));
  const split = el('div', { class: 'split' });
  split.append(list, editor);
  section.append(split);

  let entries = [];
  let editing = null;

  function edit(entry) {
    editing = entry ? entry[key] : null;
    fields.fill(entry);
    formTitle.textContent = entry ? `Change ${noun} ${editing}` : `New ${noun}`;
    submit.textContent = entry ? 'Save changes' : `Create ${noun}`;
    another.hidden = !entry;
    remove.hidden = !entry || options.deletable === false;
    rows.querySelectorAll('tr').forEach((row) => markCurrent(row, row.dataset.key === editing));
    options.onEdit?.(entry);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    const created = editing === null;
    const body = options.toBody ? options.toBody(fields.read(), editing) : fields.read();
    try {
      const answer = created
        ? await api('POST', path, body)
        : await api('PUT', `${path}/${encodeURIComponent(editing)}`, body);
      const entry = options.entryOf ? options.entryOf(answer) : answer;
      await options.changed();
      edit(entry);
      status.textContent = `${created ? 'Created' : 'Saved'} ${noun} ${entry[key]}.`;
      options.onSaved?.(answer, created);
    } catch (error) {
      fields.showError(error);
    }
  });
  another.addEventListener('click', () => {
    edit(null);
    status.textContent = '';
    fields.controls.get(options.fields[0].name).focus();
  });
  remove.addEventListener('click', async () => {
    // A native confirmation: keyboard usable, and nothing to build.
    if (!window.confirm(`Delete ${noun} ${editing}?`)) {
      return;
    }
    try {
      await api('DELETE', `${path}/${encodeURIComponent(editing)}`);
      status.textContent = `Deleted ${noun} ${editing}.`;
      edit(null);
      await options.changed();
    } catch (error) {
      fields.showError(error);
    }
  });

  function render() {
    rows.replaceChildren(...entries.map((entry) => {
      const row = el('tr', { 'data-key': entry[key] });
      const pick = el('button', { type: 'button', class: 'link', 'aria-label': `Change ${noun} ${entry[key]}` }, entry[key]);
      pick.addEventListener('click', () => {
        status.textContent = '';
        edit(entry);
        fields.controls.get(options.fields[1].name).focus();
      });
      const first = el('td');
      first.append(pick);
      row.append(first, ...options.columns.map(([, text]) => el('td', {}, text(entry))));
      markCurrent(row, entry[key] === editing);
      return row;
    }));
    if (entries.length === 0) {
      const empty = el('tr');
      empty.append(el('td', { colspan: String(options.columns.length + 1) }, `No ${noun}s yet.`));
      rows.append(empty);
    }
  }

  edit(null);
  return {
    entries: () => entries,
    refreshOptions: () => fields.refreshOptions(),
    async load() {
      entries = await api('GET', path);
      render();
    },
  };
}
