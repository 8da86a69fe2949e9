import type { CalendarPort } from '../../domain/calendar/calendar-port';
import type { WorkingPatterns } from '../../domain/calendar/booking-service';
import { addDays, londonToUtc } from '../../domain/calendar/london-time';
import type { HcpDayPlan, HcpDiary } from '../../domain/hcp-activity/activity-service';
import type { WeekConversations } from '../../domain/hcp-activity/rules';
import type { AdviceStore } from '../../domain/specialist-advice/ports';
import { readHcpDays } from '../../domain/specialist-advice/hcp-day';
import { freeGaps, siteOn } from '../../domain/specialist-advice/schedule';
import type { StaffMember } from '../../domain/staff';

/**
 * The HCP's diary as Specialist Advice keeps it: the site plan, the booked conversations (with their
 * preparation) breaks and the free time between them, read through its store and schedule rules.
 */
export class AdviceDiary implements HcpDiary {
  constructor(
    private readonly store: AdviceStore,
    private readonly calendar: CalendarPort,
    private readonly patterns: WorkingPatterns,
  ) {}

  async day(hcp: StaffMember, date: string): Promise<HcpDayPlan> {
    // Specialist Advice's one reading of the HCP's day: conversations with their preparation, the
    // breaks agreed with the activity manager, and the free time left.
    const [[day], pattern] = await Promise.all([readHcpDays({ store: this.store, calendar: this.calendar, patterns: this.patterns }, hcp, date, 1, { minGapMinutes: 15 }), this.patterns.of(hcp)]);
    const booked = (day?.booked ?? []).map((b) => ({ what: b.conversation.reference, start: b.preparation?.start ?? b.time.start, end: b.time.end }));
    const working = freeGaps({ id: hcp.id, hours: pattern.hours, region: pattern.region, busy: [] }, date, 1).length > 0;
    return { date, working, jobcentreId: day?.jobcentreId ?? hcp.jobcentreId, conversations: booked, breaks: day?.breaks ?? [], freeGaps: day?.freeGaps ?? [] };
  }

  async sitesOn(hcps: readonly StaffMember[], date: string): Promise<ReadonlyMap<string, string | null>> {
    const days = hcps.length ? await this.store.siteDays(hcps.map((h) => h.id), date, date) : [];
    return new Map(hcps.map((hcp) => [hcp.id, siteOn({ baseJobcentreId: hcp.jobcentreId, days: new Map(days.filter((d) => d.hcpId === hcp.id).map((d) => [d.date, d.jobcentreId])) }, date)]));
  }

  async weeks(hcpIds: readonly string[], weekStart: string): Promise<ReadonlyMap<string, WeekConversations>> {
    const conversations = await this.store.forHcps(hcpIds, londonToUtc(weekStart, '00:00'), londonToUtc(addDays(weekStart, 7), '00:00'));
    return new Map(
      hcpIds.map((id) => {
        const theirs = conversations.filter((c) => c.hcpId === id);
        return [
          id,
          {
            held: theirs.filter((c) => c.status === 'held').length,
            booked: theirs.filter((c) => c.status === 'booked' || c.status === 'adhoc_asked').length,
            didNotHappen: theirs.filter((c) => c.status === 'did_not_attend' || c.status === 'declined').length,
          },
        ];
      }),
    );
  }
}
