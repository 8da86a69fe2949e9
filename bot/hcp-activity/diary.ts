import type { CalendarPort } from '../../domain/calendar/calendar-port';
import type { WorkingPatterns } from '../../domain/calendar/booking-service';
import { addDays, londonToUtc } from '../../domain/calendar/london-time';
import type { HcpDayPlan, HcpDiary } from '../../domain/hcp-activity/activity-service';
import type { WeekConversations } from '../../domain/hcp-activity/rules';
import type { AdviceStore } from '../../domain/specialist-advice/ports';
import { freeGaps, siteOn } from '../../domain/specialist-advice/schedule';
import type { StaffMember } from '../../domain/staff';

/** Conversations that hold the HCP's time: booked, held, or asked for now. */
const TAKES_TIME = new Set(['booked', 'held', 'adhoc_asked']);

/**
 * The HCP's diary as Specialist Advice keeps it: the site plan, the booked conversations (with their
 * preparation) and the free time between them, read through its store and schedule rules.
 */
export class AdviceDiary implements HcpDiary {
  constructor(
    private readonly store: AdviceStore,
    private readonly calendar: CalendarPort,
    private readonly patterns: WorkingPatterns,
  ) {}

  async day(hcp: StaffMember, date: string): Promise<HcpDayPlan> {
    const from = londonToUtc(date, '00:00');
    const to = londonToUtc(addDays(date, 1), '00:00');
    const [siteDays, conversations, pattern, busy] = await Promise.all([this.store.siteDays([hcp.id], date, date), this.store.forHcp(hcp.id, from, to), this.patterns.of(hcp), this.calendar.busy([hcp.email], from, to)]);
    const booked = conversations
      .filter((c) => TAKES_TIME.has(c.status) && c.start && c.end)
      .map((c) => ({ what: c.reference, start: c.prepStart ?? c.start!, end: c.end! }))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    const diary = busy.get(hcp.email.toLowerCase()) ?? [];
    const participant = { id: hcp.id, hours: pattern.hours, region: pattern.region, busy: [...diary, ...booked.map((b) => ({ start: b.start, end: b.end }))] };
    return { date, working: freeGaps({ ...participant, busy: [] }, date, 1).length > 0, jobcentreId: siteOn({ baseJobcentreId: hcp.jobcentreId, days: new Map(siteDays.map((d) => [d.date, d.jobcentreId])) }, date), conversations: booked, freeGaps: freeGaps(participant, date, 15) };
  }

  async week(hcpId: string, weekStart: string): Promise<WeekConversations> {
    const conversations = await this.store.forHcp(hcpId, londonToUtc(weekStart, '00:00'), londonToUtc(addDays(weekStart, 7), '00:00'));
    return {
      held: conversations.filter((c) => c.status === 'held').length,
      booked: conversations.filter((c) => c.status === 'booked' || c.status === 'adhoc_asked').length,
      didNotHappen: conversations.filter((c) => c.status === 'did_not_attend' || c.status === 'declined').length,
    };
  }
}
