import { h, replace, loading, showBanner } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';

const GET = 'query ConsolePhrases { safeguardingPhrases { usesDefault phrases } }';
const SET = `mutation ConsoleSetPhrases($input: SetSafeguardingPhrasesInput!) {
  setSafeguardingPhrases(input: $input) { list { phrases } userErrors { field message code } } }`;

export async function render(main) {
  const status = h('div');
  const slot = h('div', {}, loading());
  replace(main, heading('Safeguarding phrases'),
    h('p', {}, 'A message from a young person that contains one of these phrases marks the conversation urgent '
      + 'and shows them where to get help at once. This is the platform default; services may keep their own.'),
    status, slot);
  const data = await graphql(GET);
  const phraseForm = form({
    submit: 'Save phrases',
    fields: [{ name: 'phrases', label: 'Phrases, one a line', type: 'textarea', rows: 12,
      value: data.safeguardingPhrases.phrases.join('\n') }],
    onSubmit: async (v) => {
      const phrases = v.phrases.split('\n').map((p) => p.trim()).filter(Boolean);
      const payload = await mutate(phraseForm, SET, { input: { phrases } }, 'setSafeguardingPhrases');
      if (!payload) return;
      // The server keeps phrases normalised (lower case, letters and digits); show them as they are kept.
      phraseForm.controls.phrases.value = payload.list.phrases.join('\n');
      showBanner(status, `Saved ${payload.list.phrases.length} phrases.`);
    },
  });
  replace(slot, phraseForm);
}
