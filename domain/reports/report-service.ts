import { londonDateFast, londonToUtc } from '../calendar/london-time';
import { notAllowed } from '../errors';
import type { Clock } from '../ports';
import { hasRole, isTeamLeader, type StaffMember } from '../staff';
import { buildAdviceReport } from './advice-report';
import { buildDeaReport, trendWeeks } from './dea-report';
import { feedbackPeriodKeys, type ReportPeriod } from './period';
import type { ReportReadModel } from './ports';
import type { Report } from './report';
import { startsInTrial, trialEnd, type Trials } from './trials';

/**
 * Whose figures a report holds. Specialist Advice: one district (an HCP Activity Manager's) or all
 * (a performance manager's). DEA support: a DEA's own cohort, or the cohorts of the DEAs a team
 * leader manages.
 */
export type Audience =
  | { readonly kind: 'specialist_advice'; readonly key: string; readonly label: string; readonly district: string | null }
  | { readonly kind: 'dea'; readonly key: string; readonly label: string; readonly deaIds: readonly string[] };

/** The directory facts the reports need about the people asking. */
export interface ReportPeople {
  districtOf(jobcentreId: string | null): Promise<string | null>;
  /** DEAs whose team leader is this person. */
  deasLedBy(teamLeaderId: string): Promise<readonly { readonly id: string; readonly name: string }[]>;
}

export interface ReportServiceDeps {
  readonly read: ReportReadModel;
  readonly people: ReportPeople;
  readonly trials: Trials;
  readonly clock: Clock;
}

export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** The reports this person may have, most specific first; empty if none. */
  async audiences(person: StaffMember): Promise<Audience[]> {
    const out: Audience[] = [];
    if (hasRole(person, 'performance_manager')) out.push({ kind: 'specialist_advice', key: 'sa:all', label: 'All districts', district: null });
    if (hasRole(person, 'hcp_activity_manager')) {
      const district = await this.deps.people.districtOf(person.jobcentreId);
      if (district && !out.some((a) => a.kind === 'specialist_advice' && a.district === null)) out.push({ kind: 'specialist_advice', key: `sa:${district}`, label: district, district });
    }
    if (hasRole(person, 'dea')) out.push({ kind: 'dea', key: `dea:${person.id}`, label: 'Your cohort', deaIds: [person.id] });
    if (isTeamLeader(person)) {
      const deas = await this.deps.people.deasLedBy(person.id);
      if (deas.length > 0) out.push({ kind: 'dea', key: `team:${person.id}`, label: deas.length === 1 ? `The cohort of ${deas[0]!.name}` : `The cohorts of ${deas.map((d) => d.name).join(', ')}`, deaIds: deas.map((d) => d.id) });
    }
    return out;
  }

  /** The audience of this key, if this person may still see it (checked again at every download). */
  async audience(person: StaffMember, key: string): Promise<Audience> {
    const found = (await this.audiences(person)).find((a) => a.key === key);
    if (!found) throw notAllowed('These figures are not yours to see.');
    return found;
  }

  async build(audience: Audience, period: ReportPeriod): Promise<Report> {
    const { read } = this.deps;
    if (audience.kind === 'dea') {
      const weeks = trendWeeks(period);
      const [requests, requestTimes, interventionsPerClaimant, conferences, qas, retention] = await Promise.all([
        read.requests(audience.deaIds, period.from, period.to),
        read.requestTimes(audience.deaIds, weeks[0]!.from, weeks[weeks.length - 1]!.to),
        read.interventionsPerClaimant(audience.deaIds, period.from, period.to),
        read.groupConferences(audience.deaIds, period.from, period.to),
        read.qasResults(audience.deaIds, period.from, period.to),
        read.retentionOutcomes({ deaIds: audience.deaIds }, period.from, period.to),
      ]);
      return buildDeaReport({ scope: audience.label, period, requests, requestTimes, interventionsPerClaimant, conferences, qas, retention, today: londonDateFast(this.deps.clock.now()) });
    }
    const district = audience.district;
    const hcps = await read.hcps(district);
    // Held conversations in each district's trial weeks up to the end of the period (none before it
    // starts): the district asked for, and every district with HCPs today.
    const districts = new Set([...(district === null ? [] : [district]), ...hcps.map((h) => h.district)]);
    const trialHeld = Promise.all(
      [...districts].map((d) => {
        const trial = this.deps.trials.of(d);
        const end = trialEnd(trial) < period.end ? trialEnd(trial) : period.end;
        return trial.start < end ? read.held(d, londonToUtc(trial.start, '00:00'), londonToUtc(end, '00:00')) : Promise.resolve([]);
      }),
    ).then((lists) => lists.flat());
    const [conversations, held, feedback, supportingActivity, attendance, supplierResponses, informationRequests, retention] = await Promise.all([
      read.adviceConversations(district, period.from, period.to),
      trialHeld,
      read.feedback(district, { periodKeys: feedbackPeriodKeys(period), from: period.from, to: period.to }),
      read.supportingActivity(district, period.from, period.to),
      read.attendance(district, period.from, period.to),
      read.supplierResponses(district, period.from, period.to),
      read.informationRequests(district, period.from, period.to),
      read.retentionOutcomes({ district }, period.from, period.to),
    ]);
    return buildAdviceReport({ scope: audience.label, period, hcps, conversations, held, trialOf: (d) => this.deps.trials.of(d), feedback, supportingActivity, attendance, supplierResponses, informationRequests, retention, today: londonDateFast(this.deps.clock.now()) });
  }

  /** The districts that have HCPs. */
  async hcpDistricts(): Promise<Set<string>> {
    return new Set((await this.deps.read.hcps(null)).map((h) => h.district));
  }

  /** Whether the weekly report is due for this district now (weekly in its trial, monthly after). */
  weeklyDuring(district: string, period: ReportPeriod): boolean {
    return startsInTrial(this.deps.trials.of(district), period);
  }
}
