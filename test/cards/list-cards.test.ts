import { qualityListCard, queueListCard } from '../../cards/list-cards';
import type { CheckableMeeting, Page } from '../../domain/requests/request-lists';

function meetings(from: number, count: number): CheckableMeeting[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`,
    reference: `DEA-${String(from + i).padStart(6, '0')}`,
    type: 'claimant_support',
    status: 'held',
    urgent: false,
    requiredBy: null,
    channel: 'case_conference',
    topic: null,
    claimantSurname: null,
    requesterName: 'Amira Shah',
    createdAt: new Date('2026-11-02T10:00:00Z'),
    updatedAt: new Date('2026-11-03T10:00:00Z'),
    check: null,
  }));
}

function page(over: Partial<Page<CheckableMeeting>>): Page<CheckableMeeting> {
  return { items: meetings(1, 25), total: 25, moreThanTotal: false, hasNext: false, offset: 0, pageSize: 25, ...over };
}

const text = (card: object) => JSON.stringify(card);
const actions = (card: { actions?: { title: string; data: { offset: number } }[] }) => (card.actions ?? []).map((a) => `${a.title} @${a.data.offset}`);

describe('list cards: where a page is in its list', () => {
  it('a list counted only so far says "more than", and its pages go on', () => {
    const first = qualityListCard(page({ total: 1000, moreThanTotal: true, hasNext: true }), '2026-12-07') as never;
    expect(text(first)).toContain('Showing 1 to 25 of more than 1,000');
    expect(actions(first)).toEqual(['Next 25 @25']);
    const far = qualityListCard(page({ items: meetings(1001, 25), total: 1000, moreThanTotal: true, hasNext: true, offset: 1000 }), '2026-12-07') as never;
    expect(text(far)).toContain('Showing 1,001 to 1,025 of more than 1,000');
    // Past the bound nobody knows how many follow: "Next", with no number that could be wrong.
    expect(actions(far)).toEqual(['Previous @975', 'Next @1025']);
    const atBound = qualityListCard(page({ items: meetings(976, 25), total: 1000, moreThanTotal: true, hasNext: true, offset: 975 }), '2026-12-07') as never;
    expect(actions(atBound)).toEqual(['Previous @950', 'Next @1000']);
    const before = qualityListCard(page({ items: meetings(951, 25), total: 1000, moreThanTotal: true, hasNext: true, offset: 950 }), '2026-12-07') as never;
    expect(actions(before)).toEqual(['Previous @925', 'Next 25 @975']);
    const end = qualityListCard(page({ items: meetings(1026, 3), total: 1000, moreThanTotal: true, hasNext: false, offset: 1025 }), '2026-12-07') as never;
    expect(actions(end)).toEqual(['Previous @1000']);
  });

  it('a counted list says how many, and the next page holds what is left', () => {
    const first = qualityListCard(page({ total: 1240, hasNext: true }), '2026-12-07') as never;
    expect(text(first)).toContain('Showing 1 to 25 of 1,240');
    const last = qualityListCard(page({ items: meetings(1201, 25), total: 1240, hasNext: true, offset: 1200 }), '2026-12-07') as never;
    expect(actions(last)).toEqual(['Previous @1175', 'Next 15 @1225']);
    const whole = qualityListCard(page({ items: meetings(1, 3), total: 3 }), '2026-12-07') as never;
    expect(text(whole)).toContain('3 in all');
    expect(actions(whole)).toEqual([]);
  });

  it("the queue's count is written with thousands marked", () => {
    const queue = queueListCard({ ...page({ total: 5090, hasNext: true }), items: [] }, '2026-12-07');
    expect(text(queue)).toContain('Your queue: 5,090 open requests');
    expect(text(queueListCard({ ...page({ total: 1, hasNext: false }), items: [] }, '2026-12-07'))).toContain('Your queue: 1 open request');
  });

  it('a queue longer than it is counted says "more than", in the title and under the page', () => {
    const queue = queueListCard({ ...page({ items: [], total: 1000, hasNext: true }), moreThanTotal: true }, '2026-12-07');
    expect(text(queue)).toContain('Your queue: more than 1,000 open requests');
    expect(text(queue)).toContain('of more than 1,000');
  });
});
