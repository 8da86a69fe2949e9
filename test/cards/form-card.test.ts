import { renderCard } from '../../cards/render';
import { formCard, showCardAction, type FormCardData, type FormField } from '../../cards/form-card';
import formTemplate from '../../cards/templates/form.json';

/** The form as the template expands it: the typed builder must give exactly this. */
function formTemplateCard(data: FormCardData): Record<string, unknown> {
  const problems = data.problems ?? {};
  const count = Object.keys(problems).length;
  const card = renderCard(formTemplate, {
    journey: data.journey,
    step: data.step,
    title: data.title,
    intro: data.intro ?? '',
    submitTitle: data.submitTitle,
    problemCount: count,
    problemSummary: count === 1 ? 'There is a problem: please correct the field marked below.' : `There are ${count} problems: please correct the fields marked below.`,
    fields: data.fields.map((f) => ({
      id: f.id,
      kind: f.kind,
      label: f.label,
      required: f.required,
      errorMessage: f.errorMessage,
      placeholder: f.placeholder ?? '',
      hint: f.hint ?? '',
      maxLength: f.maxLength ?? 0,
      min: f.min ?? '',
      max: f.max ?? '',
      choices: f.choices ?? [],
      value: data.values[f.id] ?? '',
      problem: problems[f.id] ?? '',
    })),
  });
  for (const container of card.body as { items?: Record<string, unknown>[] }[]) {
    for (const input of container.items ?? []) {
      for (const key of ['maxLength', 'min', 'max', 'placeholder'] as const) {
        if (input[key] === '' || input[key] === 0) delete input[key];
      }
    }
  }
  return card;
}

const FIELDS: readonly FormField[] = [
  { id: 'name', kind: 'text', label: 'Name', required: true, errorMessage: 'Enter a name.', placeholder: 'For example, Sam', maxLength: 40, hint: 'As on their letter' },
  { id: 'plain', kind: 'text', label: 'Plain', required: false, errorMessage: 'Enter it.' },
  { id: 'notes', kind: 'multiline', label: 'Notes', required: false, errorMessage: 'Enter notes.', maxLength: 2000 },
  { id: 'when', kind: 'date', label: 'Date', required: true, errorMessage: 'Enter a date.', min: '2026-01-01', max: '2026-12-31', hint: 'A weekday' },
  { id: 'open', kind: 'date', label: 'Any date', required: false, errorMessage: 'Enter a date.' },
  { id: 'pick', kind: 'choice', label: 'Pick one', required: true, errorMessage: 'Choose one.', choices: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }] },
  { id: 'many', kind: 'multichoice', label: 'Pick any', required: false, errorMessage: 'Choose.', choices: [{ title: 'A', value: 'a' }] },
  { id: 'none', kind: 'choice', label: 'Nothing to pick', required: false, errorMessage: 'Choose.', choices: [] },
];

describe('a form card, built as typed objects, is exactly what its template gives', () => {
  const cases: [string, FormCardData][] = [
    ['every kind of field, nothing typed', { journey: 'j', step: 's', title: 'A form', submitTitle: 'Send', fields: FIELDS, values: {} }],
    [
      'typed values (one looking like a template expression), an intro and one problem',
      { journey: 'j', step: 's', title: 'A form', intro: 'Say what you need.', submitTitle: 'Send', fields: FIELDS, values: { name: '${title} & "quotes"', notes: 'Line one\nline two', when: '2026-02-03', pick: 'yes', many: 'a' }, problems: { name: 'Enter a shorter name.' } },
    ],
    ['several problems', { journey: 'j', step: 's', title: 'A form', submitTitle: 'Send', fields: FIELDS, values: {}, problems: { name: 'Enter a name.', when: 'Enter a date.', pick: 'Choose one.' } }],
    ['no fields', { journey: '', step: '', title: 'Only a title', submitTitle: 'OK', fields: [], values: {} }],
  ];
  it.each(cases)('%s', (_name, data) => {
    expect(formCard(data)).toEqual(formTemplateCard(data));
  });

  it('a button opening the form keeps its inputs and sends them with the Execute verb', () => {
    const action = showCardAction({ title: 'Ask', verb: 'request.ask', submitTitle: 'Send question', data: { requestId: 'r1', version: 2 }, fields: FIELDS.slice(0, 2), values: { name: 'Sam' } });
    const expected = formTemplateCard({ journey: '', step: '', title: 'Ask', submitTitle: 'Send question', fields: FIELDS.slice(0, 2), values: { name: 'Sam' } });
    (expected.body as unknown[]).shift();
    delete expected.$schema;
    expected.actions = [{ type: 'Action.Execute', title: 'Send question', verb: 'request.ask', data: { requestId: 'r1', version: 2 }, style: 'positive' }];
    expect(action).toEqual({ type: 'Action.ShowCard', title: 'Ask', card: expected });
  });
});
