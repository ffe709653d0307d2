// Forms with labels tied to their inputs and errors tied to their fields (aria-describedby), so a screen reader
// announces the error with the field, and everyone sees it next to the field.
import { h, uid, replace } from './dom.js';

/**
 * A form. fields: [{ name, label, type, options: [[value, text]], required, hint, value, multiple, rows }].
 * onSubmit(values, form) returns a promise; the submit button is disabled while it runs.
 */
export function form({ fields, submit, onSubmit, label }) {
  const errorSummary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, submit);
  const el = h('form', { novalidate: true, 'aria-label': label || submit });
  el.append(errorSummary);
  const controls = {};
  for (const field of fields) {
    const row = fieldRow(field);
    controls[field.name] = row.control;
    el.append(row.wrapper);
  }
  el.append(button);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(el);
    button.disabled = true;
    try {
      await onSubmit(values(fields, controls), el);
    } finally {
      button.disabled = false;
    }
  });
  el.controls = controls;
  el.formError = errorSummary;
  return el;
}

function fieldRow(field) {
  const id = uid(`f-${field.name}`);
  const errorId = `${id}-error`;
  const hintId = field.hint ? `${id}-hint` : null;
  let control;
  if (field.type === 'select') {
    control = h('select', { id, name: field.name, multiple: field.multiple, required: field.required });
    for (const [value, text] of field.options) {
      const option = h('option', { value }, text);
      if (field.value !== undefined && [].concat(field.value).includes(value)) option.selected = true;
      control.append(option);
    }
  } else if (field.type === 'textarea') {
    control = h('textarea', { id, name: field.name, rows: field.rows || 4, required: field.required });
    if (field.value !== undefined) control.value = field.value;
  } else if (field.type === 'checkbox') {
    control = h('input', { id, name: field.name, type: 'checkbox' });
    control.checked = Boolean(field.value);
  } else {
    control = h('input', {
      id, name: field.name, type: field.type || 'text', required: field.required,
      autocomplete: field.autocomplete || 'off', min: field.min, max: field.max,
    });
    if (field.value !== undefined && field.value !== null) control.value = field.value;
  }
  if (hintId) control.setAttribute('aria-describedby', hintId);
  control.dataset.hint = hintId || '';
  control.dataset.error = errorId;
  const label = h('label', { for: id }, field.label);
  const wrapper = h('div', { class: `field ${field.type === 'checkbox' ? 'checkbox' : ''}` },
    field.type === 'checkbox' ? [control, label] : [label],
    hintId ? h('p', { id: hintId, class: 'hint' }, field.hint) : null,
    h('p', { id: errorId, class: 'field-error', hidden: true }),
    field.type === 'checkbox' ? null : control);
  return { wrapper, control };
}

function values(fields, controls) {
  const out = {};
  for (const field of fields) {
    const control = controls[field.name];
    if (field.type === 'checkbox') out[field.name] = control.checked;
    else if (field.multiple) out[field.name] = [...control.selectedOptions].map((o) => o.value);
    else out[field.name] = control.value;
  }
  return out;
}

export function clearErrors(formEl) {
  formEl.formError.hidden = true;
  replace(formEl.formError);
  for (const control of Object.values(formEl.controls)) {
    control.removeAttribute('aria-invalid');
    const error = document.getElementById(control.dataset.error);
    error.hidden = true;
    replace(error);
    if (control.dataset.hint) control.setAttribute('aria-describedby', control.dataset.hint);
    else control.removeAttribute('aria-describedby');
  }
}

/**
 * Shows userErrors: each next to the field its path names (the last path element that is a field of the form),
 * the rest at the top of the form. The first field in error gets focus.
 */
export function showErrors(formEl, userErrors, fieldAliases = {}) {
  const general = [];
  let first = null;
  for (const error of userErrors) {
    const path = error.field || [];
    const name = [...path].reverse().map((p) => fieldAliases[p] || p).find((p) => formEl.controls[p]);
    if (!name) {
      general.push(error.message);
      continue;
    }
    const control = formEl.controls[name];
    const errorEl = document.getElementById(control.dataset.error);
    errorEl.append(h('span', { class: 'visually-hidden' }, 'Error: '), error.message, ' ');
    errorEl.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.dataset.hint, control.dataset.error].filter(Boolean).join(' '));
    first = first || control;
  }
  if (general.length) {
    showFormError(formEl, general.join(' '));
    if (!first) formEl.formError.focus();
  }
  if (first) first.focus();
}

export function showFormError(formEl, message) {
  formEl.formError.setAttribute('tabindex', '-1');
  replace(formEl.formError, message);
  formEl.formError.hidden = false;
}

/**
 * Runs a mutation for a form: its userErrors go next to their fields, a refused request or an unreachable
 * service at the top of the form. Resolves to the payload when nothing was wrong, otherwise null.
 */
export async function mutate(formEl, query, variables, payloadKey, aliases = {}) {
  const { graphql, SessionEnded } = await import('./api.js');
  try {
    const data = await graphql(query, variables);
    const payload = data[payloadKey];
    if (payload && payload.userErrors && payload.userErrors.length) {
      showErrors(formEl, payload.userErrors, aliases);
      return null;
    }
    return payload;
  } catch (error) {
    if (error instanceof SessionEnded) return null;
    if (error.field && error.field.length) {
      // A request-level error that names its field (an id that is not one, say) still goes by the field.
      showErrors(formEl, [{ field: error.field, message: error.message, code: error.code }], aliases);
    } else {
      showFormError(formEl, error.message);
      formEl.formError.focus();
    }
    return null;
  }
}

/**
 * Checks, before sending, the fields the API cannot even parse when empty (dates, choices, numbers): each missing
 * one gets its message next to it. Returns true when all are there.
 */
export function requireFields(formEl, values, messages) {
  const missing = Object.entries(messages).filter(([name]) => values[name] === '' || values[name] === undefined)
    .map(([name, message]) => ({ field: [name], message }));
  if (missing.length) showErrors(formEl, missing);
  return missing.length === 0;
}
