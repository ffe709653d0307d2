// What the entitlement forms share: groups of checkboxes under a legend, and the API's field paths taken to the
// form's controls, so each problem goes next to its field and into the form's error summary (forms.js).
import { h, uid } from '../dom.js';
import { graphql, SessionEnded } from '../api.js';
import { showErrors } from '../forms.js';

/** Puts the rows of some checkboxes into a fieldset with a legend (and a hint, when there is one). */
export function group(formEl, names, legend, hint) {
  const rows = names.map((n) => formEl.controls[n].closest('.field'));
  const hintEl = hint ? h('p', { class: 'hint', id: uid('group-hint') }, hint) : null;
  const set = h('fieldset', { class: 'choices' }, h('legend', {}, legend), hintEl);
  rows[0].before(set);
  set.append(...rows);
  if (hintEl) names.forEach((n) => formEl.controls[n].setAttribute('aria-describedby', hintEl.id));
  names.forEach((n) => { formEl.controls[n].dataset.hint = hintEl ? hintEl.id : ''; });
}

/** The control a problem's field path names: `input` and list indexes dropped, then the form's aliases applied. */
function controlName(formEl, path, aliases) {
  const parts = (path || []).filter((p) => p !== 'input' && typeof p === 'string');
  const key = parts.join('.');
  const name = aliases[key] || aliases[parts[parts.length - 1]] || parts[parts.length - 1];
  return formEl.controls[name] ? name : null;
}

/** Shows problems ({ field, message }): each next to its field, and all in the error summary, which gets focus. */
export function showProblems(formEl, problems, aliases = {}) {
  showErrors(formEl, problems.map((p) => {
    const name = controlName(formEl, p.field, aliases);
    return { field: name ? [name] : null, message: p.message };
  }));
}

/**
 * Sends a mutation for a form. Bad input (every error of the answer that names a field) is shown by field and in
 * the summary; anything else in the summary alone. Resolves to the payload, or null when it was refused.
 */
export async function submitWithSummary(formEl, query, variables, payloadKey, aliases = {}) {
  try {
    return (await graphql(query, variables))[payloadKey];
  } catch (error) {
    if (error instanceof SessionEnded) return null;
    const errors = error.errors && error.errors.length ? error.errors : [{ message: error.message }];
    showProblems(formEl, errors.map((e) => ({ field: (e.extensions || {}).field, message: e.message })), aliases);
    return null;
  }
}
