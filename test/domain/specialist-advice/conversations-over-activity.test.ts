import type { SupportingActivity } from '../../../domain/hcp-activity/records';
import { CONVERSATION_LOOKBACK_MS, conversationsOver, conversationsOverWindow, type ConversationTimes } from '../../../domain/specialist-advice/supporting-activity';

const t = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00Z`);
const NOW = new Date('2026-11-23T09:00:00Z');

const activity = (over: Partial<SupportingActivity> = {}): SupportingActivity => ({
  id: 'act-1',
  hcpId: 'helen',
  kind: 'presentation',
  status: 'planned',
  jobcentreId: 'crawley',
  district: 'Surrey and Sussex',
  date: '2026-11-24',
  start: t('10:00'),
  end: t('11:00'),
  takingPart: 'The Crawley team',
  note: 'Mental health and work',
  caseReference: null,
  caseCount: null,
  adHoc: false,
  requestedById: null,
  coachId: null,
  setById: 'mark',
  recordedById: null,
  recordedAt: null,
  diaryEntries: [],
  version: 1,
  createdAt: NOW,
  ...over,
});

let n = 0;
const conversation = (start: string, end: string, over: Partial<ConversationTimes> = {}): ConversationTimes => {
  n += 1;
  return { id: `c-${n}`, hcpId: 'helen', reference: `SA-00000${n}`, status: 'booked', prepStart: null, start: t(start), end: t(end), ...over };
};

describe('the conversations booked over an activity, for its card', () => {
  it('names a booked conversation over it by reference and times, with its preparation when that starts first', () => {
    const c = conversation('10:00', '11:00', { prepStart: t('09:30') });
    expect(conversationsOver(activity(), [c], NOW)).toEqual([{ reference: c.reference, start: t('10:00'), end: t('11:00'), preparationFrom: t('09:30') }]);
  });

  it('counts a preparation alone over the activity: the HCP is in it too', () => {
    const c = conversation('11:00', '12:00', { prepStart: t('10:30') });
    expect(conversationsOver(activity(), [c], NOW).map((o) => o.reference)).toEqual([c.reference]);
  });

  it('leaves out a conversation that only touches it, another HCP’s, and one not booked (asked ad hoc, held, cancelled)', () => {
    const touching = [conversation('11:00', '12:00', { prepStart: t('11:00') }), conversation('09:00', '10:00')];
    const others = [conversation('10:00', '11:00', { hcpId: 'someone-else' })];
    const notBooked = (['adhoc_asked', 'held', 'did_not_attend', 'declined', 'cancelled', 'requested'] as const).map((status) => conversation('10:00', '11:00', { status }));
    expect(conversationsOver(activity(), [...touching, ...others, ...notBooked], NOW)).toEqual([]);
  });

  it('asks nothing of an activity already begun, held, cancelled, asked for or with no time', () => {
    const c = conversation('10:00', '11:00');
    for (const a of [activity({ status: 'done' }), activity({ status: 'cancelled' }), activity({ status: 'requested' }), activity({ start: null, end: null, date: null })]) {
      expect(conversationsOver(a, [c], NOW)).toEqual([]);
      expect(conversationsOverWindow(a, NOW)).toBeNull();
    }
    expect(conversationsOver(activity(), [c], t('10:00'))).toEqual([]);
    expect(conversationsOverWindow(activity(), t('10:00'))).toBeNull();
  });

  it('lists several soonest first', () => {
    const later = conversation('10:30', '11:30');
    const sooner = conversation('09:00', '10:15');
    expect(conversationsOver(activity(), [later, sooner], NOW).map((o) => o.reference)).toEqual([sooner.reference, later.reference]);
  });

  it('reads conversations starting a lookback either side of the activity: one over it always starts in that window', () => {
    expect(conversationsOverWindow(activity(), NOW)).toEqual({ start: new Date(t('10:00').getTime() - CONVERSATION_LOOKBACK_MS), end: new Date(t('11:00').getTime() + CONVERSATION_LOOKBACK_MS) });
  });
});
