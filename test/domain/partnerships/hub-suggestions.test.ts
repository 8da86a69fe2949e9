import type { HubEntry, HubKind } from '../../../domain/partnerships/hub';
import { HubSuggester, REFERRAL_KINDS, suggestFromHub } from '../../../domain/partnerships/hub-suggestions';
import { person } from '../interventions/fakes';

let n = 0;
function entry(title: string, kind: HubKind, status: HubEntry['status'] = 'published', district = 'Surrey and Sussex'): HubEntry {
  n += 1;
  const at = new Date(Date.UTC(2026, 0, n));
  return { id: `e-${n}`, district, title, summary: `${title} in the district.`, link: null, kind, status, keeperId: 'dea-1', createdAt: at, updatedAt: at };
}

describe('Hub entries offered where the product points to the Hub', () => {
  const entries = [
    entry('Mind drop-in', 'external_charity'),
    entry('Autism toolkit', 'toolkit'),
    entry('Back to work course', 'non_contracted_provision'),
    entry('Unpublished charity', 'external_charity', 'awaiting_publication'),
    entry('Work Well programme', 'provision'),
    entry('Carers charity', 'external_charity'),
  ];

  it('for a refusal: the newest published charities and provision, three at once, and how many in all', () => {
    const found = suggestFromHub(entries, { kinds: REFERRAL_KINDS });
    expect(found.entries.map((e) => e.title)).toEqual(['Carers charity', 'Work Well programme', 'Back to work course']);
    expect(found.total).toBe(4);
    expect(found.moreCommand).toBe('hub');
  });

  it('for informational support: the entries matching its words, and the command with those words for more', () => {
    const found = suggestFromHub(entries, { words: 'The autism toolkit!' });
    expect(found).toEqual({ entries: [expect.objectContaining({ title: 'Autism toolkit' })], total: 1, moreCommand: 'hub autism toolkit' });
    expect(suggestFromHub(entries, { words: 'of the' })).toEqual({ entries: [], total: 0, moreCommand: 'hub' });
  });

  it('reads the Hub of the person’s own district, and nothing when the directory does not say where they work', async () => {
    const asked: string[] = [];
    const suggester = new HubSuggester({
      hub: { entriesOf: async (district) => (asked.push(district), entries) },
      districts: { districtOf: async (p) => (p.jobcentreId ? 'Surrey and Sussex' : null) },
    });
    expect((await suggester.suggest(person('wc-1', ['work_coach']), { words: 'mind' })).entries.map((e) => e.title)).toEqual(['Mind drop-in']);
    expect(asked).toEqual(['Surrey and Sussex']);
    expect(await suggester.suggest({ ...person('wc-2', ['work_coach']), jobcentreId: null }, { words: 'mind' })).toEqual({ district: null, entries: [], total: 0, moreCommand: 'hub' });
  });
});
