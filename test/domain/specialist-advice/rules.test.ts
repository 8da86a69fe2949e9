import { DEFAULT_WORKING_HOURS } from '../../../domain/calendar/working-hours';
import type { Participant } from '../../../domain/calendar/free-time';
import { isDomainError, type DomainError } from '../../../domain/errors';
import { AD_HOC_ANSWER_MINUTES, adHocAnswerBy, adHocLapsed, adviceNowRefusal, allowedAdvice, assertAdvice, partOf, preparesWithoutPack, seesHealthDetails } from '../../../domain/specialist-advice/advice-policy';
import { canMove, type AdviceConversation } from '../../../domain/specialist-advice/conversation';
import { adviceEligibility } from '../../../domain/specialist-advice/eligibility';
import { checkNotes, lmsText } from '../../../domain/specialist-advice/notes';
import { parseAdviceRequest, type AdviceRequestInput } from '../../../domain/specialist-advice/request-form';
import { adHocAnswer, freeGaps, proposeSlots, type SitePlan } from '../../../domain/specialist-advice/schedule';

const caught = (work: () => unknown): DomainError => {
  try {
    work();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
};

const GOOD: AdviceRequestInput = {
  surname: 'Zebedee',
  nino: 'ab 12 34 56 c',
  benefit: 'UC',
  healthCondition: 'yes',
  wcaStatus: 'had',
  wcaSummary: 'Limited capability for work.',
  background: 'Out of work two years.',
  conditions: 'Back pain; anxiety.',
  adviceTypes: 'adjustments,health_lifestyle',
  channel: 'face_to_face',
  when: 'booked',
  consent: 'true',
  gpConsent: 'no',
};

describe('who may have Specialist Advice', () => {
  it('claimants on ESA or UC, or both, with a health condition or disability, whatever their WCA', () => {
    for (const benefit of ['ESA', 'UC', 'ESA_UC'] as const) expect(adviceEligibility(benefit, true)).toEqual({ eligible: true });
    for (const wcaStatus of ['not_had', 'waiting'] as const) expect(parseAdviceRequest({ ...GOOD, wcaStatus, wcaSummary: '' }).claimant.wcaStatus).toBe(wcaStatus);
  });

  it('anyone else gets a clear answer naming why', () => {
    expect(adviceEligibility('OTHER', true)).toMatchObject({ eligible: false, reason: expect.stringContaining('Employment and Support Allowance or Universal Credit') });
    expect(adviceEligibility('UC', false)).toMatchObject({ eligible: false, reason: expect.stringContaining('health condition or disability') });
    const refused = caught(() => parseAdviceRequest({ ...GOOD, benefit: 'OTHER' }));
    expect(refused.problems.benefit).toContain('only for claimants on Employment and Support Allowance');
  });
});

describe('the request form', () => {
  it('keeps the claimant, the advice sought, the channel, complexity, ad hoc and both consents', () => {
    const request = parseAdviceRequest({ ...GOOD, complex: 'true', when: 'now', gpConsent: 'yes' });
    expect(request).toMatchObject({ claimant: { surname: 'Zebedee', nino: 'AB123456C', benefit: 'UC', wcaStatus: 'had' }, adviceTypes: ['adjustments', 'health_lifestyle'], channel: 'face_to_face', complex: true, adHoc: true, gpConsent: true });
  });

  it('names every problem beside its field at once', () => {
    const refused = caught(() => parseAdviceRequest({ benefit: 'ESA', healthCondition: 'yes', wcaStatus: 'had', nino: 'QQ123456C', adviceTypes: 'nonsense' }));
    expect(Object.keys(refused.problems).sort()).toEqual(['adviceTypes', 'background', 'channel', 'conditions', 'consent', 'gpConsent', 'nino', 'surname', 'wcaSummary', 'when'].sort());
  });

  it('taking part is voluntary: without the claimant’s agreement nothing is sent; no mandatory wording', () => {
    const refused = caught(() => parseAdviceRequest({ ...GOOD, consent: '' }));
    expect(refused.problems.consent).toBe('The claimant must agree to take part. If they do not, do not send this.');
    expect(JSON.stringify(refused)).not.toMatch(/mandatory|sanction|failing to attend/i);
  });
});

// Monday 23 November 2026, 09:00 in London (GMT).
const MONDAY = new Date('2026-11-23T09:00:00Z');
const person = (id: string, busy: { start: string; end: string }[] = []): Participant => ({ id, hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales', busy: busy.map((b) => ({ start: new Date(b.start), end: new Date(b.end) })) });
const plan = (days: Record<string, string> = {}): SitePlan => ({ baseJobcentreId: 'crawley', days: new Map(Object.entries(days)) });

describe('booking times', () => {
  it('face to face only on the HCP’s days at the jobcentre, one a day, the preparation first and starting no earlier than now', () => {
    const slots = proposeSlots({ hcp: person('hcp'), coach: person('coach'), sitePlan: plan({ '2026-11-24': 'horsham' }), jobcentreId: 'crawley', channel: 'face_to_face', complex: false, now: MONDAY });
    expect(slots.map((s) => [s.prepStart.toISOString(), s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2026-11-23T09:00:00.000Z', '2026-11-23T09:30:00.000Z', '2026-11-23T10:30:00.000Z'],
      ['2026-11-25T08:30:00.000Z', '2026-11-25T09:00:00.000Z', '2026-11-25T10:00:00.000Z'],
      ['2026-11-26T08:30:00.000Z', '2026-11-26T09:00:00.000Z', '2026-11-26T10:00:00.000Z'],
    ]);
  });

  it('the notice needed is the preparation: it starts on the next half hour, the conversation straight after it', () => {
    const at = (now: string, complex: boolean) => proposeSlots({ hcp: person('hcp'), coach: person('coach'), sitePlan: plan(), jobcentreId: 'crawley', channel: 'telephone', complex, now: new Date(now) })[0]!;
    expect(at('2026-11-23T09:10:00Z', false)).toMatchObject({ prepStart: new Date('2026-11-23T09:30:00Z'), start: new Date('2026-11-23T10:00:00Z') });
    expect(at('2026-11-23T09:10:00Z', true)).toMatchObject({ prepStart: new Date('2026-11-23T09:30:00Z'), start: new Date('2026-11-23T10:30:00Z') });
    // At 15:10 half an hour's preparation still fits before a 16:00 conversation; a complex case's hour does not.
    expect(at('2026-11-23T15:10:00Z', false).start).toEqual(new Date('2026-11-23T16:00:00Z'));
    expect(at('2026-11-23T15:10:00Z', true).prepStart).toEqual(new Date('2026-11-24T08:30:00Z'));
  });

  it('by telephone or video on any working day; a complex case has an hour to prepare', () => {
    const [first, second] = proposeSlots({ hcp: person('hcp'), coach: person('coach'), sitePlan: plan({ '2026-11-24': 'horsham' }), jobcentreId: 'crawley', channel: 'telephone', complex: true, now: MONDAY });
    expect(first!.start.getTime() - first!.prepStart.getTime()).toBe(60 * 60_000);
    expect(second!.prepStart.toISOString()).toBe('2026-11-24T08:30:00.000Z');
  });

  it('within HCP hours 08:30–17:00, avoiding both diaries, never at weekends', () => {
    const friday = new Date('2026-11-27T15:40:00Z');
    const slots = proposeSlots({ hcp: person('hcp', [{ start: '2026-11-30T08:30:00Z', end: '2026-11-30T12:00:00Z' }]), coach: person('coach', [{ start: '2026-11-30T12:00:00Z', end: '2026-11-30T13:00:00Z' }]), sitePlan: plan(), jobcentreId: 'crawley', channel: 'video', complex: false, now: friday, count: 2 });
    // Friday from 16:00 leaves no 90 minutes before 17:00; Monday the HCP is busy to 12:00 and the coach to 13:00.
    expect(slots.map((s) => s.prepStart.toISOString())).toEqual(['2026-11-30T13:00:00.000Z', '2026-12-01T08:30:00.000Z']);
    for (const s of slots) expect(s.end.getUTCHours() * 60 + s.end.getUTCMinutes()).toBeLessThanOrEqual(17 * 60);
  });

  const adHocSlot = (...args: Parameters<typeof adHocAnswer>) => adHocAnswer(...args).slot;

  it('ad hoc: the HCP free for an hour from the next minute, and on site today for face to face', () => {
    expect(adHocSlot(person('hcp'), plan(), 'crawley', MONDAY, 'face_to_face')).toMatchObject({ start: MONDAY, end: new Date('2026-11-23T10:00:00Z') });
    expect(adHocSlot(person('hcp'), plan(), 'crawley', new Date('2026-11-23T09:00:20Z'), 'face_to_face')?.start).toEqual(new Date('2026-11-23T09:01:00Z'));
    expect(adHocSlot(person('hcp'), plan({ '2026-11-23': 'horsham' }), 'crawley', MONDAY, 'face_to_face')).toBeNull();
    expect(adHocSlot(person('hcp', [{ start: '2026-11-23T09:30:00Z', end: '2026-11-23T10:00:00Z' }]), plan(), 'crawley', MONDAY, 'face_to_face')).toBeNull();
    // By telephone or video the HCP joins from the jobcentre they are at: only being free matters.
    for (const channel of ['telephone', 'video'] as const) {
      expect(adHocSlot(person('hcp'), plan({ '2026-11-23': 'horsham' }), 'crawley', MONDAY, channel)).toMatchObject({ start: MONDAY, end: new Date('2026-11-23T10:00:00Z') });
      expect(adHocSlot(person('hcp', [{ start: '2026-11-23T09:30:00Z', end: '2026-11-23T10:00:00Z' }]), plan({ '2026-11-23': 'horsham' }), 'crawley', MONDAY, channel)).toBeNull();
    }
    // Why there is none, for the coach's note: elsewhere today only counts for face to face.
    expect(adHocAnswer(person('hcp'), plan({ '2026-11-23': 'horsham' }), 'crawley', MONDAY, 'face_to_face').why).toBe('elsewhere today');
    expect(adHocAnswer(person('hcp', [{ start: '2026-11-23T09:30:00Z', end: '2026-11-23T10:00:00Z' }]), plan({ '2026-11-23': 'horsham' }), 'crawley', MONDAY, 'telephone').why).toBe('not free');
  });

  it('the HCP’s free gaps in a day', () => {
    const gaps = freeGaps(person('hcp', [{ start: '2026-11-23T10:00:00Z', end: '2026-11-23T11:00:00Z' }]), '2026-11-23');
    expect(gaps.map((g) => [g.start.toISOString(), g.end.toISOString()])).toEqual([
      ['2026-11-23T08:30:00.000Z', '2026-11-23T10:00:00.000Z'],
      ['2026-11-23T11:00:00.000Z', '2026-11-23T17:00:00.000Z'],
    ]);
  });
});

const conversation = (over: Partial<AdviceConversation> = {}): AdviceConversation => ({
  id: 'c1',
  reference: 'SA-000001',
  status: 'booked',
  coachId: 'coach',
  hcpId: 'hcp',
  contactId: 'contact',
  jobcentreId: 'crawley',
  cluster: 'Gatwick Diamond',
  district: 'Surrey and Sussex',
  claimant: { surname: 'Zebedee', nino: 'AB123456C', benefit: 'UC', wcaStatus: 'not_had', wcaSummary: null, background: 'b', conditions: 'c' },
  adviceTypes: ['adjustments'],
  channel: 'face_to_face',
  complex: false,
  adHoc: false,
  askedAdHoc: false,
  consent: { agreed: true, gpConsent: true, recordedById: 'coach', recordedAt: MONDAY },
  start: new Date('2026-11-23T12:00:00Z'),
  end: new Date('2026-11-23T13:00:00Z'),
  prepStart: new Date('2026-11-23T11:30:00Z'),
  timesMoved: 0,
  packReadyAt: null,
  preparedAt: null,
  heldAt: null,
  returnedAt: null,
  returnConfirmedAt: null,
  findings: 'none',
  diaryEvents: [],
  diaryStatus: 'done',
  diaryError: null,
  packRemindedAt: null,
  version: 3,
  createdAt: MONDAY,
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('who may do what, and when', () => {
  it('each part: the coach, the HCP, the contact, the district’s activity manager; nobody else', () => {
    const c = conversation();
    expect(partOf(c, { id: 'coach', roles: ['work_coach'] }, null)).toBe('coach');
    expect(partOf(c, { id: 'hcp', roles: ['hcp'] }, null)).toBe('hcp');
    expect(partOf(c, { id: 'contact', roles: ['jobcentre_contact'] }, null)).toBe('contact');
    expect(partOf(c, { id: 'am', roles: ['hcp_activity_manager'] }, 'Surrey and Sussex')).toBe('manager');
    expect(partOf(c, { id: 'am', roles: ['hcp_activity_manager'] }, 'Cumbria and Lancashire')).toBeNull();
    expect(partOf(c, { id: 'dea', roles: ['dea'] }, null)).toBeNull();
    expect([seesHealthDetails('coach'), seesHealthDetails('hcp'), seesHealthDetails('manager'), seesHealthDetails('contact'), seesHealthDetails(null)]).toEqual([true, true, true, false, false]);
  });

  it('the pack before the HCP’s preparation; the notes once it has started; the return, then its confirmation', () => {
    const before = at('2026-11-23T11:00:00Z');
    expect([...allowedAdvice(conversation(), 'contact', before)]).toEqual(['packReady']);
    expect([...allowedAdvice(conversation(), 'hcp', before)]).toEqual([]);
    expect(adviceNowRefusal(conversation(), 'prepared', before)?.message).toContain('not ready yet');
    expect([...allowedAdvice(conversation({ packReadyAt: before }), 'hcp', before)]).toEqual(['prepared']);
    const during = at('2026-11-23T12:10:00Z');
    expect([...allowedAdvice(conversation({ packReadyAt: before, preparedAt: before }), 'hcp', during)]).toEqual(['notes']);
    expect([...allowedAdvice(conversation(), 'coach', during)]).toEqual(['didNotAttend', 'declined']);
    expect([...allowedAdvice(conversation(), 'coach', before)]).toEqual(['book', 'cancel']);
    const held = conversation({ status: 'held', heldAt: during, findings: 'to_send' });
    expect([...allowedAdvice(held, 'hcp', during)]).toEqual(['returned']);
    expect([...allowedAdvice(held, 'contact', during)]).toEqual(['findingsSent']);
    expect([...allowedAdvice({ ...held, returnedAt: during, findings: 'sent' }, 'contact', during)]).toEqual(['confirmReturn']);
    expect([...allowedAdvice(held, 'manager', during)]).toEqual([]);
  });

  it('a click: who first, then a stale card, then the state', () => {
    const c = conversation();
    expect(caught(() => assertAdvice(c, 'coach', 'packReady', 3, MONDAY)).kind).toBe('not_allowed');
    expect(caught(() => assertAdvice(c, 'contact', 'packReady', 2, MONDAY)).kind).toBe('conflict');
    expect(caught(() => assertAdvice(conversation({ packReadyAt: MONDAY }), 'contact', 'packReady', 3, MONDAY)).message).toBe('The pack is already marked ready.');
    expect(() => assertAdvice(c, 'contact', 'packReady', 3, MONDAY)).not.toThrow();
  });

  it('the state machine: held and the other outcomes are final', () => {
    expect(canMove('requested', 'booked')).toBe(true);
    expect(canMove('adhoc_asked', 'requested')).toBe(true);
    expect(canMove('booked', 'did_not_attend')).toBe(true);
    expect(canMove('held', 'booked')).toBe(false);
    expect(canMove('declined', 'booked')).toBe(false);
  });
});

describe('an ad hoc ask lapses once the claimant can no longer be waiting', () => {
  // Asked at 11:00 for 11:00 to 12:00, as the form does for a claimant in the jobcentre now.
  const asked = conversation({ status: 'adhoc_asked', adHoc: true, start: at('2026-11-23T11:00:00Z'), end: at('2026-11-23T12:00:00Z'), prepStart: at('2026-11-23T11:00:00Z') });

  it('the HCP can say yes or no only until a short while after the time it proposed', () => {
    expect(AD_HOC_ANSWER_MINUTES).toBe(15);
    expect(adHocAnswerBy(asked)).toEqual(at('2026-11-23T11:15:00Z'));
    expect([...allowedAdvice(asked, 'hcp', at('2026-11-23T11:14:59Z'))]).toEqual(['acceptAdHoc', 'declineAdHoc']);
    expect(adHocLapsed(asked, at('2026-11-23T11:14:59Z'))).toBe(false);
    expect(adHocLapsed(asked, at('2026-11-23T11:15:00Z'))).toBe(true);
    expect([...allowedAdvice(asked, 'hcp', at('2026-11-23T11:15:00Z'))]).toEqual([]);
  });

  it('a yes at 14:00 to a claimant who was waiting at 11:00 is refused, saying so and what the coach can do', () => {
    const late = caught(() => assertAdvice(asked, 'hcp', 'acceptAdHoc', 3, at('2026-11-23T14:00:00Z')));
    expect(late.kind).toBe('invalid');
    expect(late.message).toBe('It is too late to answer this ad hoc request: the claimant was waiting at 11:00. Nothing was booked. The work coach can book a time instead.');
    // In time, the yes is allowed.
    expect(() => assertAdvice(asked, 'hcp', 'acceptAdHoc', 3, at('2026-11-23T11:05:00Z'))).not.toThrow();
    // An ask with no time is never accepted: there is nothing to book.
    expect(adviceNowRefusal({ ...asked, start: null }, 'acceptAdHoc', at('2026-11-23T11:00:00Z'))?.kind).toBe('invalid');
  });

  it('the coach waits while the HCP can answer, then books a time from the same conversation (or cancels)', () => {
    expect([...allowedAdvice(asked, 'coach', at('2026-11-23T11:05:00Z'))]).toEqual(['cancel']);
    expect([...allowedAdvice(asked, 'coach', at('2026-11-23T14:00:00Z'))]).toEqual(['book', 'cancel']);
    expect(() => assertAdvice(asked, 'coach', 'book', 3, at('2026-11-23T14:00:00Z'))).not.toThrow();
    expect(caught(() => assertAdvice(asked, 'coach', 'book', 3, at('2026-11-23T11:05:00Z'))).kind).toBe('invalid');
  });
});

describe('a jobcentre with no contact named', () => {
  const before = at('2026-11-23T11:00:00Z');

  it('the HCP prepares from the request: no pack is waited for when nobody was named to prepare it', () => {
    const none = conversation({ contactId: null });
    expect(preparesWithoutPack(none)).toBe(true);
    expect([...allowedAdvice(none, 'hcp', before)]).toEqual(['prepared']);
    expect(adviceNowRefusal(none, 'prepared', before)).toBeNull();
    // With a contact named, the pack comes first, as before.
    expect(preparesWithoutPack(conversation())).toBe(false);
    expect([...allowedAdvice(conversation(), 'hcp', before)]).toEqual([]);
  });

  it('any nominated contact of the conversation’s jobcentre acts as its contact, not only the one named when it was asked for', () => {
    const none = conversation({ contactId: null });
    expect(partOf(none, { id: 'new-contact', roles: ['jobcentre_contact'], jobcentreId: 'crawley' }, null)).toBe('contact');
    expect(partOf(conversation(), { id: 'second-contact', roles: ['jobcentre_contact'], jobcentreId: 'CRAWLEY' }, null)).toBe('contact');
    expect([...allowedAdvice(none, 'contact', before)]).toEqual(['packReady']);
    // Not a contact of another jobcentre, nor someone at this one without the role.
    expect(partOf(none, { id: 'elsewhere', roles: ['jobcentre_contact'], jobcentreId: 'horsham' }, null)).toBeNull();
    expect(partOf(none, { id: 'colleague', roles: ['work_coach'], jobcentreId: 'crawley' }, null)).toBeNull();
  });
});

describe('the Notes Template', () => {
  const NOTES = { conditions: 'c', impact: 'i', functioning: 'f', actions: 'Try a work trial.', noAlternativeDiagnosis: 'true', wcaNotChallenged: 'true', hasFindings: 'no', signedName: 'Helen Okoro', signedOn: '2026-11-23' };

  it('needs the four parts, both confirmations, a signature and a date not in the future', () => {
    expect(checkNotes(NOTES, '2026-11-23')).toMatchObject({ actions: 'Try a work trial.', findings: null, signedName: 'Helen Okoro' });
    const refused = caught(() => checkNotes({ ...NOTES, impact: ' ', noAlternativeDiagnosis: '', wcaNotChallenged: 'false', signedName: '', signedOn: '2026-11-24' }, '2026-11-23'));
    expect(Object.keys(refused.problems).sort()).toEqual(['impact', 'noAlternativeDiagnosis', 'signedName', 'signedOn', 'wcaNotChallenged']);
  });

  it('unexpected findings are described when there are any', () => {
    expect(caught(() => checkNotes({ ...NOTES, hasFindings: 'yes' }, '2026-11-23')).problems.findings).toBeDefined();
    expect(checkNotes({ ...NOTES, hasFindings: 'yes', findings: 'Possible tremor' }, '2026-11-23').findings).toBe('Possible tremor');
  });

  it('the text for LMS names the reference and the actions, nothing clinical', () => {
    expect(lmsText('SA-000001', 'Monday 23 November 2026', 'Try a work trial.')).toEqual([
      'SA-000001: Specialist Advice three-way conversation held on Monday 23 November 2026.',
      'Actions agreed for the Action Plan: Try a work trial.',
    ]);
  });
});
