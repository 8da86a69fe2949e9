import { byName, compareCodes, compareNames } from '../../domain/names';
import { workPsychologistOf } from '../../domain/work-psychologist/partnership';

describe('names are ordered in English whatever the server’s locale', () => {
  it('runs in a locale that orders names otherwise (jest.config.js), so a sort that follows it shows up', () => {
    // Welsh: Ll comes after L, Rh after R and Ch after C, each a letter of its own.
    expect(new Intl.Collator().compare('Lynch', 'Lloyd')).toBeLessThan(0);
  });

  it('orders Welsh digraphs, Danish Aa, accents and lower-case particles as an English reader expects', () => {
    const names = ['Ryan Cole', 'Lynch Hart', 'Zara Khan', 'Rhys Morgan', 'van Dijk', 'Cole Ward', 'Émile Roux', 'Lloyd Evans', 'Aase Berg', 'Chapman Lee', 'de Souza', 'Emma Hill'];
    expect([...names].sort(compareNames)).toEqual([
      'Aase Berg',
      'Chapman Lee',
      'Cole Ward',
      'de Souza',
      'Émile Roux',
      'Emma Hill',
      'Lloyd Evans',
      'Lynch Hart',
      'Rhys Morgan',
      'Ryan Cole',
      'van Dijk',
      'Zara Khan',
    ]);
  });

  it('keeps two people of the same name in one order, by id, whichever came first', () => {
    const a = { id: 'b2', name: 'Sam Jones' };
    const b = { id: 'a1', name: 'Sam Jones' };
    expect([a, b].sort(byName).map((p) => p.id)).toEqual(['a1', 'b2']);
    expect([b, a].sort(byName).map((p) => p.id)).toEqual(['a1', 'b2']);
  });

  it('compares codes and ISO dates character by character', () => {
    expect(['2027-01-01', '2026-12-28', '2026-12-25'].sort(compareCodes)).toEqual(['2026-12-25', '2026-12-28', '2027-01-01']);
    expect(compareCodes('LL', 'LY')).toBeLessThan(0);
    expect(compareCodes('x', 'x')).toBe(0);
  });

  it('gives a DEA with no work psychologist at their office the district’s first by English order', () => {
    const wps = [
      { id: 'wp-ryan', jobcentreId: 'jc-2', name: 'Ryan Cole' },
      { id: 'wp-rhys', jobcentreId: 'jc-3', name: 'Rhys Morgan' },
    ];
    expect(workPsychologistOf({ jobcentreId: 'jc-1' }, wps)?.id).toBe('wp-rhys');
    expect(workPsychologistOf({ jobcentreId: 'jc-2' }, wps)?.id).toBe('wp-ryan');
  });
});
