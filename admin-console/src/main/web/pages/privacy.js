// Admins: the parts of the privacy notice young people are shown, how many acknowledged each current version, and
// publishing a new version of a part (earlier versions are kept; young people are asked to read the new one).
import { h, replace, tableBox, words, loading, showBanner } from '../dom.js';
import { graphql, SessionEnded } from '../api.js';
import { form, showErrors, showFormError } from '../forms.js';
import { heading } from '../console.js';
import { randomId } from './thread.js';

const NOTICE = 'feature version title summary points publishedOn';
const STATUS = `query ConsolePrivacyNoticeStatus { privacyNoticeStatus {
  notice { ${NOTICE} } acknowledgedCount earlierVersions } }`;
const PUBLISH = `mutation ConsolePublishPrivacyNotice($input: PublishPrivacyNoticeInput!) {
  publishPrivacyNotice(input: $input) { notice { ${NOTICE} } userErrors { field message code } } }`;

export async function render(main) {
  const status = h('div');
  const tableSlot = h('div', {}, loading());
  const formSlot = h('div');
  replace(main, heading('Privacy notice'),
    h('p', {}, 'Young people see the privacy notice in short parts, each when they first use its feature. '
      + 'Publishing a new version of a part keeps the earlier versions and asks every young person to read it '
      + 'again. Write for a reading age of 12: short sentences, everyday words.'),
    status, h('h2', {}, 'Parts'), tableSlot, h('h2', {}, 'Publish a new version'), formSlot);
  let parts = await load();

  async function load() {
    const data = await graphql(STATUS);
    const rows = data.privacyNoticeStatus;
    replace(tableSlot, tableBox('Parts of the privacy notice', h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Parts of the privacy notice'),
      h('thead', {}, h('tr', {}, ['Part', 'Title', 'Version', 'Published', 'Read by']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((row) => h('tr', { 'data-feature': row.notice.feature },
        h('td', {}, words(row.notice.feature)), h('td', {}, row.notice.title),
        h('td', {}, row.earlierVersions ? `${row.notice.version} (${row.earlierVersions} earlier kept)`
          : String(row.notice.version)),
        h('td', {}, row.notice.publishedOn),
        h('td', {}, `${row.acknowledgedCount} young ${row.acknowledgedCount === 1 ? 'person' : 'people'}`)))))));
    return rows.map((row) => row.notice);
  }

  function publishForm(feature) {
    const current = parts.find((p) => p.feature === feature) || parts[0];
    const publish = form({
      submit: 'Publish new version',
      fields: [
        { name: 'feature', label: 'Part', type: 'select', value: current.feature,
          options: parts.map((p) => [p.feature, words(p.feature)]) },
        { name: 'title', label: 'Title', value: current.title, hint: '3 to 80 characters.' },
        { name: 'summary', label: 'Summary', value: current.summary, hint: 'One sentence, 10 to 200 characters.' },
        { name: 'points', label: 'Points, one a line', type: 'textarea', rows: 8, value: current.points.join('\n'),
          hint: '1 to 8 points: what we collect, who sees it, how long we keep it, their choices.' },
      ],
      onSubmit: async (v) => {
        const input = { feature: v.feature, title: v.title, summary: v.summary, clientMutationId: randomId(),
          points: v.points.split('\n').map((p) => p.trim()).filter(Boolean) };
        const payload = await send(publish, input);
        if (!payload) return;
        if (payload.userErrors.length) {
          showErrors(publish, payload.userErrors);
          return;
        }
        showBanner(status, `Published version ${payload.notice.version} of “${payload.notice.title}”. `
          + 'Young people will be asked to read it.');
        parts = await load();
        replace(formSlot, publishForm(payload.notice.feature));
      },
    });
    publish.controls.feature.addEventListener('change', () => {
      const chosen = publishForm(publish.controls.feature.value);
      replace(formSlot, chosen);
      chosen.controls.feature.focus();
    });
    return publish;
  }

  replace(formSlot, publishForm(parts[0].feature));
}

/** Sends the mutation; a refused request or an unreachable service goes at the top of the form. */
async function send(formEl, input) {
  try {
    const data = await graphql(PUBLISH, { input });
    return data.publishPrivacyNotice;
  } catch (error) {
    if (!(error instanceof SessionEnded)) {
      showFormError(formEl, error.message);
    }
    return null;
  }
}
