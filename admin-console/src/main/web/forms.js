// Forms with labels tied to their inputs and errors tied to their fields (aria-describedby), so a screen reader
// announces the error with the field, and everyone sees it next to the field. Errors are also listed in a GOV.UK
// error summary at the top of the form ("There is a problem"), each a link that moves focus to its field.
import { h, uid, replace } from './dom.js';

/**
 * A form. fields: [{ name, label, type, options: [[value, text]], required, hint, value, multiple, rows }].
 * type 'date' is the GOV.UK date input (day, month and year), read as yyyy-mm-dd ('' when left empty).
 * onSubmit(values, form) returns a promise; the submit button is disabled while it runs. A date that is not one
 * is shown as an error and onSubmit is not called.
 */
export function form({ fields, submit, onSubmit, label }) {
  const errorSummary = h('div', { class: 'form-error error-summary notice error', tabindex: '-1', hidden: true });
  const button = h('button', { type: 'submit' }, submit);
  const el = h('form', { novalidate: true, 'aria-label': label || submit });
  el.append(errorSummary);
  const controls = {};
  for (const field of fields) {
    const row = field.type === 'date' ? dateInput(field.name, field.label, field.value, field.hint)
      : fieldRow(field);
    controls[field.name] = row.control;
    el.append(row.wrapper);
  }
  el.append(button);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(el);
    const { out, errors } = values(fields, controls);
    if (errors.length) {
      showErrors(el, errors);
      return;
    }
    button.disabled = true;
    try {
      await onSubmit(out, el);
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

const DATE_PARTS = [['day', 'Day', 2], ['month', 'Month', 2], ['year', 'Year', 4]];

/**
 * The GOV.UK date input: one fieldset whose legend is the question, three numeric text inputs (no browser date
 * picker, whose order follows the browser's locale) and one error for the three. value: yyyy-mm-dd or empty.
 * Returns { wrapper, control }: the control is the fieldset, read with readDate.
 */
export function dateInput(name, label, value, hint) {
  const id = uid(`f-${name}`);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [year, month, day] = value ? String(value).split('-') : ['', '', ''];
  const given = { day, month, year };
  const parts = {};
  const items = DATE_PARTS.map(([part, text, width]) => {
    const input = h('input', { id: `${id}-${part}`, name: `${name}-${part}`, type: 'text', inputmode: 'numeric',
      autocomplete: 'off', class: `date-${part}`, maxlength: width, size: width });
    input.value = given[part] ? String(Number(given[part])) : '';
    parts[part] = input;
    return h('div', { class: 'date-item' }, h('label', { for: input.id }, text), input);
  });
  const control = h('fieldset', { class: 'date', 'aria-describedby': hintId, id },
    h('legend', {}, label),
    h('p', { id: hintId, class: 'hint' }, hint || 'For example, 27 3 2007'),
    h('p', { id: errorId, class: 'field-error', hidden: true }),
    h('div', { class: 'date-input' }, items));
  control.dataset.hint = hintId;
  control.dataset.error = errorId;
  control.dateParts = parts;
  control.dateLabel = label;
  return { wrapper: h('div', { class: 'field' }, control), control };
}

/**
 * A date input's value: { value: 'yyyy-mm-dd' }, { value: '' } when all three are empty, or { error, parts } with
 * the GOV.UK wording ("Date of birth must include a month", "... must be a real date") and the parts in error.
 */
export function readDate(control) {
  const raw = Object.fromEntries(Object.entries(control.dateParts).map(([part, input]) => [part, input.value.trim()]));
  const label = control.dateLabel;
  const missing = DATE_PARTS.map(([part]) => part).filter((part) => raw[part] === '');
  if (missing.length === 3) return { value: '' };
  if (missing.length) {
    return { error: `${label} must include a ${missing.join(' and ')}`, parts: missing };
  }
  const notNumbers = DATE_PARTS.map(([part]) => part).filter((part) => !/^\d+$/.test(raw[part]));
  if (notNumbers.length) return { error: `${label} must be a real date`, parts: notNumbers };
  if (raw.year.length !== 4) return { error: 'Year must include 4 numbers', parts: ['year'] };
  const [y, m, d] = [Number(raw.year), Number(raw.month), Number(raw.day)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { error: `${label} must be a real date`, parts: m < 1 || m > 12 ? ['month'] : ['day'] };
  }
  return { value: `${raw.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function values(fields, controls) {
  const out = {};
  const errors = [];
  for (const field of fields) {
    const control = controls[field.name];
    if (field.type === 'date') {
      const read = readDate(control);
      if (read.error) errors.push({ field: [field.name], message: read.error, parts: read.parts });
      out[field.name] = read.value || '';
    } else if (field.type === 'checkbox') out[field.name] = control.checked;
    else if (field.multiple) out[field.name] = [...control.selectedOptions].map((o) => o.value);
    else out[field.name] = control.value;
  }
  return { out, errors };
}

/** The inputs that show a control's error: a date input's parts, or the control itself. */
function inputsOf(control) {
  return control.dateParts ? Object.values(control.dateParts) : [control];
}

export function clearErrors(formEl) {
  formEl.formError.hidden = true;
  replace(formEl.formError);
  for (const control of Object.values(formEl.controls)) {
    for (const input of inputsOf(control)) input.removeAttribute('aria-invalid');
    control.closest('.field').classList.remove('has-error');
    const error = document.getElementById(control.dataset.error);
    error.hidden = true;
    replace(error);
    if (control.dataset.hint) control.setAttribute('aria-describedby', control.dataset.hint);
    else control.removeAttribute('aria-describedby');
  }
}

/** The input a summary link moves focus to: a date's first part in error, or the control. */
function focusTarget(control, parts) {
  if (!control.dateParts) return control;
  return control.dateParts[(parts && parts[0]) || 'day'];
}

function fieldLabel(formEl, control) {
  if (control.dateLabel) return control.dateLabel;
  const label = formEl.querySelector(`label[for="${control.id}"]`);
  return label ? label.textContent : control.name;
}

/**
 * Shows userErrors: each next to the field its path names (the last path element that is a field of the form)
 * and in the error summary at the top as a link to that field; the rest in the summary alone. The summary takes
 * focus, so the problem is read out at once.
 */
export function showErrors(formEl, userErrors, fieldAliases = {}) {
  const items = [];
  for (const error of userErrors) {
    const path = error.field || [];
    const name = [...path].reverse().map((p) => fieldAliases[p] || p).find((p) => formEl.controls[p]);
    if (!name) {
      items.push(h('li', {}, error.message));
      continue;
    }
    const control = formEl.controls[name];
    const errorEl = document.getElementById(control.dataset.error);
    errorEl.append(h('span', { class: 'visually-hidden' }, 'Error: '), error.message, ' ');
    errorEl.hidden = false;
    control.closest('.field').classList.add('has-error');
    const inError = control.dateParts ? (error.parts || ['day', 'month', 'year']).map((p) => control.dateParts[p])
      : [control];
    for (const input of inError) input.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.dataset.hint, control.dataset.error].filter(Boolean).join(' '));
    const target = focusTarget(control, error.parts);
    const link = h('a', { href: `#${target.id}` }, `${fieldLabel(formEl, control)}: ${error.message}`);
    link.addEventListener('click', (event) => {
      // The address is the router's: the link moves focus without changing it.
      event.preventDefault();
      target.focus();
      (control.dateParts ? control.querySelector('legend') : formEl.querySelector(`label[for="${target.id}"]`)
        || target).scrollIntoView({ block: 'start' });
    });
    items.push(h('li', {}, link));
  }
  summary(formEl, items);
}

function summary(formEl, items) {
  const title = h('h2', { class: 'error-summary-title', id: uid('problem') }, 'There is a problem');
  replace(formEl.formError, h('div', { role: 'alert' }, title, h('ul', { class: 'error-summary-list' }, items)));
  formEl.formError.setAttribute('aria-labelledby', title.id);
  formEl.formError.hidden = false;
  formEl.formError.focus();
}

/** A problem with the whole form (a refused request, say) in the error summary, which takes focus. */
export function showFormError(formEl, message) {
  summary(formEl, [h('li', {}, message)]);
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
