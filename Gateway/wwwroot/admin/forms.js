// Forms built from a list of fields, each named by its JSON property in the API ('twilio.accountSid'), so a refusal's
// `errors` (see ../staff/session.js) lands next to the field it names. The API is the one validator: forms are
// `novalidate`, so what the browser would block is sent and the API's own message is shown.
import { el } from '../staff/session.js';

/**
 * A field: { name, label, type: 'text' | 'number' | 'password' | 'textarea' | 'select' | 'checkbox' | 'list' | 'choices',
 * options: [[value, text]] or () => [[value, text]] (select, choices), hint, required (marked so), optional (sent as null
 * when empty), initial (value of a new entry), key (read-only once created), mode: 'create' | 'edit' (shown in that mode
 * only), shownWhen: (values) => boolean }.
 */
export class FieldForm {
  constructor(form, fields) {
    this.form = form;
    this.fields = fields;
    this.editing = false;
    this.controls = new Map();
    this.wraps = new Map();
    this.errors = new Map();
    const container = el('div', { class: 'fields' });
    fields.forEach((field) => container.append(this.build(field)));
    this.general = el('p', { class: 'error', role: 'alert', id: `${form.id}-error` });
    form.prepend(container);
    form.append(this.general);
    form.noValidate = true;
    form.addEventListener('change', () => this.showWhatApplies());
    this.refreshOptions();
    this.fill(null);
  }

  build(field) {
    const id = `${this.form.id}-${field.name.replaceAll('.', '-')}`;
    const error = el('p', { class: 'field-error', id: `${id}-error` });
    const hint = field.hint ? el('p', { class: 'hint', id: `${id}-hint` }, field.hint) : null;
    const control = newControl(field, id);
    control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
    if (field.required) {
      control.setAttribute('aria-required', 'true');
    }
    // A group of choices is labelled by its legend.
    const label = field.type === 'choices' ? null : el('label', { for: id }, field.label);
    const parts = field.type === 'checkbox' ? [control, label, hint, error] : [label, control, hint, error];
    const wrap = el('div', { class: `field field-${field.type || 'text'}` });
    wrap.append(...parts.filter(Boolean));
    this.controls.set(field.name, control);
    this.wraps.set(field.name, wrap);
    this.errors.set(field.name, error);
    return wrap;
  }

  /**
   * Lists the choices of the selects; those that come from other entries (providers, connectors...) start with an
   * empty choice, which the API refuses by name if it is sent.
   */
  refreshOptions() {
    this.fields.filter((f) => f.type === 'select').forEach((field) => {
      const control = this.controls.get(field.name);
      const current = control.value;
      const dynamic = typeof field.options === 'function';
      const options = dynamic ? field.options() : field.options;
      control.replaceChildren(
        ...(dynamic ? [el('option', { value: '' }, '— choose —')] : []),
        ...options.map(([value, text]) => el('option', { value }, text)));
      control.value = options.some(([value]) => value === current) ? current : control.options[0].value;
    });
  }

  /** The fields that apply (mode, shownWhen) are shown; the rest hidden and left out of the body. */
  showWhatApplies() {
    const values = this.values(() => true);
    this.fields.forEach((field) => {
      this.wraps.get(field.name).hidden = !this.applies(field, values);
      this.controls.get(field.name).readOnly = Boolean(field.key && this.editing);
    });
  }

  applies(field, values) {
    return (!field.mode || field.mode === (this.editing ? 'edit' : 'create'))
      && (!field.shownWhen || field.shownWhen(values));
  }

  /** The request body: each field that applies at its JSON path; empty optional values are null. */
  read() {
    const all = this.values(() => true);
    return this.values((field) => this.applies(field, all));
  }

  values(include) {
    const body = {};
    this.fields.filter(include).forEach((field) => setPath(body, field.name, this.valueOf(field)));
    return body;
  }

  valueOf(field) {
    const control = this.controls.get(field.name);
    switch (field.type) {
      case 'checkbox': return control.checked;
      case 'number': return control.value === '' ? null : Number(control.value);
      case 'list': return control.value.split(',').map((s) => s.trim()).filter(Boolean);
      case 'choices': return [...control.querySelectorAll('input:checked')].map((box) => box.value);
      case 'password': return control.value;
      default: return control.value.trim() === '' && field.optional ? null : control.value.trim();
    }
  }

  /** Shows an entry to change (editing), or empties the form for a new one. */
  fill(entry) {
    this.editing = entry !== null;
    this.clearErrors();
    this.fields.forEach((field) => {
      const value = entry === null ? field.initial : getPath(entry, field.name);
      const control = this.controls.get(field.name);
      switch (field.type) {
        case 'checkbox': control.checked = Boolean(value); break;
        case 'list': control.value = (value || []).join(', '); break;
        case 'choices': control.querySelectorAll('input').forEach((box) => { box.checked = (value || []).includes(box.value); }); break;
        case 'password': control.value = ''; break;
        case 'select': control.value = value ?? control.options[0]?.value ?? ''; break;
        default: control.value = value ?? '';
      }
    });
    this.showWhatApplies();
  }

  clearErrors() {
    this.general.textContent = '';
    this.controls.forEach((control, name) => {
      control.removeAttribute('aria-invalid');
      this.errors.get(name).textContent = '';
    });
  }


  /** Puts each message the API gave for a field next to it, the rest in the form's general error; focuses the first. */
  showError(error) {
    this.clearErrors();
    const general = [];
    let first = null;
    Object.entries(error.fields || {}).forEach(([name, messages]) => {
      const control = this.controls.get(name);
      if (control && !this.wraps.get(name).hidden) {
        control.setAttribute('aria-invalid', 'true');
        this.errors.get(name).textContent = messages.join(' ');
        first = first || control;
      } else {
        general.push(...messages);
      }
    });
    this.general.textContent = first && general.length === 0 ? 'Please correct the marked field.' : (general.join(' ') || error.message);
    (first?.matches('fieldset') ? first.querySelector('input') : first)?.focus();
  }
}

function newControl(field, id) {
  switch (field.type) {
    case 'choices': {
      const group = el('fieldset', { id });
      group.append(el('legend', {}, field.label), ...field.options.map(([value, text]) => {
        const choice = el('span', { class: 'choice' });
        choice.append(el('input', { type: 'checkbox', id: `${id}-${value}`, value }), el('label', { for: `${id}-${value}` }, text));
        return choice;
      }));
      return group;
    }
    case 'textarea': return el('textarea', { id, rows: '2' });
    case 'select': return el('select', { id });
    default: {
      const input = el('input', { id, type: ['number', 'password', 'checkbox'].includes(field.type) ? field.type : 'text' });
      // Settings, not the admin's own credentials: the browser should neither fill nor remember them.
      input.autocomplete = field.type === 'password' ? 'new-password' : 'off';
      return input;
    }
  }
}

function setPath(target, path, value) {
  const parts = path.split('.');
  const last = parts.pop();
  parts.reduce((node, part) => (node[part] = node[part] || {}), target)[last] = value;
}

function getPath(source, path) {
  return path.split('.').reduce((node, part) => (node == null ? undefined : node[part]), source);
}
