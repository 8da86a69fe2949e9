import { DEFAULT_WORKING_HOURS } from '../../../domain/calendar/working-hours';
import type { Participant } from '../../../domain/calendar/free-time';
import { adHocAnswer, isAway, isStillFree, proposeSlots, type AwayDays, type SlotQuestion } from '../../../domain/specialist-advice/schedule';

const person = (id: string): Participant => ({ id, hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales', busy: [] });
const plan = { baseJobcentreId: 'crawley', days: new Map<string, string>() };
// Monday 23 November 2026, 11:00 in London.
const MONDAY = new Date('2026-11-23T11:00:00Z');
const away = (absent: string[], lastDay: string | null = null): AwayDays => ({ absent: new Set(absent), lastDay });
const question = (a?: AwayDays): SlotQuestion => ({ hcp: person('hcp'), coach: person('coach'), sitePlan: plan, jobcentreId: 'crawley', channel: 'face_to_face', complex: false, now: MONDAY, away: a });
const days = (q: SlotQuestion) => proposeSlots(q).map((s) => s.start.toISOString().slice(0, 10));

describe('Specialist Advice: the days an HCP is away are never offered (seed 002 §4.1)', () => {
  it('absent days are skipped; the proposals go on to the next days', () => {
    expect(days(question())).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(days(question(away(['2026-11-24', '2026-11-25'])))).toEqual(['2026-11-23', '2026-11-26', '2026-11-27']);
  });

  it('the last day of a notice is still offered, every day after it is not', () => {
    expect(isAway(away([], '2026-11-24'), '2026-11-24')).toBe(false);
    expect(isAway(away([], '2026-11-24'), '2026-11-25')).toBe(true);
    expect(days(question(away([], '2026-11-24')))).toEqual(['2026-11-23', '2026-11-24']);
  });

  it('a time chosen before the absence was recorded is no longer free', () => {
    const [, tuesday] = proposeSlots(question());
    expect(isStillFree(question(), tuesday!)).toBe(true);
    expect(isStillFree(question(away(['2026-11-24'])), tuesday!)).toBe(false);
    expect(isStillFree(question(away([], '2026-11-23')), tuesday!)).toBe(false);
  });

  it('an ask now on a day absent, or after the last day, is not sent: not working today, whatever the channel', () => {
    expect(adHocAnswer(person('hcp'), plan, 'crawley', MONDAY, 'telephone', away(['2026-11-23']))).toEqual({ slot: null, why: 'not working today' });
    expect(adHocAnswer(person('hcp'), plan, 'crawley', MONDAY, 'face_to_face', away([], '2026-11-20'))).toEqual({ slot: null, why: 'not working today' });
    expect(adHocAnswer(person('hcp'), plan, 'crawley', MONDAY, 'face_to_face', away(['2026-11-24'], '2026-11-23')).why).toBeNull();
  });
});
