import { MessageFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { feedbackCard } from '../../cards/reports/feedback-card';
import { reportCard, reportRefusalCard } from '../../cards/reports/report-card';
import { heading, textBlock } from '../../cards/glance-card';
import type { AdaptiveCard } from '../../cards/render';
import { messageCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import { londonDateFast, londonWallMs } from '../../domain/calendar/london-time';
import type { JobLeases } from '../../domain/conferences/ports';
import { isDomainError } from '../../domain/errors';
import type { Clock, Logger } from '../../domain/ports';
import { csvFileName, reportCsv } from '../../domain/reports/csv';
import type { FeedbackKind } from '../../domain/reports/feedback';
import type { FeedbackService } from '../../domain/reports/feedback-service';
import { firstWorkingDay, lastComplete, longDate, parsePeriod, periodFromKey, periodKey, type ReportPeriod } from '../../domain/reports/period';
import type { DeadlineStore, DueRequest, FeedbackStore } from '../../domain/reports/ports';
import type { Audience, ReportService } from '../../domain/reports/report-service';
import { monthAskedAbout, startsInTrial, type Trials } from '../../domain/reports/trials';
import type { StaffMember } from '../../domain/staff';
import type { SqlReportPeople } from '../../data/reports/report-people';
import type { SqlStaffDirectory } from '../../data/stores/staff-directory';
import type { HttpFile } from '../core/journey';
import { cardResponse } from '../core/invoke-response';
import { normaliseCommand } from '../core/commands';
import { errorForLog } from '../logger';
import type { ChartRenderer } from './chart-renderer';
import { FEEDBACK_PERIODIC_CARD, REPORT_CARD } from './kinds';
import type { ReportLinks } from './report-links';

/**
 * A card with its chart inline (base64) up to this size, counted as Teams does (UTF-16), inside
 * the 40 KB the cards are held to; a bigger one links to the chart instead.
 */
export const INLINE_CARD_BYTES = 38 * 1024;
/** The path the bot serves report files on. */
export const FILE_PATH = '/reports/file';
/** Scheduled reports go out from this London hour on Monday (weekly) and the first working day (monthly). */
export const SEND_FROM_HOUR = 7;

export interface ReportActionsDeps {
  readonly reports: ReportService;
  readonly feedback: FeedbackService;
  readonly feedbackStore: FeedbackStore;
  readonly deadlines: DeadlineStore;
  readonly people: SqlReportPeople;
  readonly directory: SqlStaffDirectory;
  readonly links: ReportLinks;
  readonly charts: ChartRenderer;
  readonly trials: Trials;
  readonly jobs: JobLeases;
  readonly notify: (staffId: string, kind: string, subjectId: string) => Promise<void>;
  readonly publicUrl: () => string;
  readonly clock: Clock;
  readonly logger: Logger;
}

export class ReportActions {
  constructor(private readonly deps: ReportActionsDeps) {}

  /** `report <period>`: a card for each set of figures this person may see. */
  async command(turn: TurnContext, person: StaffMember): Promise<void> {
    const words = normaliseCommand(turn.activity.text).replace(/^report\b/, '').trim().slice(0, 100);
    for (const card of await this.commandCards(person, words)) await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  }

  async commandCards(person: StaffMember, words: string): Promise<AdaptiveCard[]> {
    const audiences = await this.deps.reports.audiences(person);
    if (audiences.length === 0) {
      return [reportRefusalCard('Reports', 'Reports are for HCP Activity Managers and performance managers (Specialist Advice), and for DEAs and their team leaders (DEA support). Your roles in the staff directory include none of these: ask your manager if you need them.')];
    }
    const answer = parsePeriod(words, this.deps.clock.now());
    if ('problem' in answer) return [reportRefusalCard('Which period?', answer.problem)];
    const cards: AdaptiveCard[] = [];
    for (const audience of audiences) cards.push(await this.card(person, audience, answer.period));
    return cards;
  }

  /** The report card for this person, audience and period: chart inline when small, CSV by signed link. */
  async card(person: StaffMember, audience: Audience, period: ReportPeriod): Promise<AdaptiveCard> {
    const report = await this.deps.reports.build(audience, period);
    const now = this.deps.clock.now();
    const link = (file: 'csv' | 'png') => `${this.deps.publicUrl()}${FILE_PATH}?t=${this.deps.links.token({ staffId: person.id, audience: audience.key, period: periodKey(period), file }, now)}`;
    const csv = link('csv');
    const lasts = this.deps.links.lifetimeInWords;
    if (report.chart.bars.length === 0) return reportCard(report, { chart: null, csv, lasts });
    let png: Buffer;
    try {
      png = await this.deps.charts.png(report.chart);
    } catch (error) {
      // The figures still go out as text; the chart is only another view of them.
      this.deps.logger.warn({ err: errorForLog(error) }, 'report chart could not be drawn');
      return reportCard(report, { chart: null, csv, lasts });
    }
    // In the card itself when the whole card stays under Teams' limit; otherwise by a signed link.
    const inline = reportCard(report, { chart: `data:image/png;base64,${png.toString('base64')}`, csv, lasts });
    if (JSON.stringify(inline).length * 2 <= INLINE_CARD_BYTES) return inline;
    return reportCard(report, { chart: link('png'), csv, lasts });
  }

  /** A signed link's file, for its person only while they may still see those figures. */
  async file(query: Readonly<Record<string, string>>): Promise<HttpFile> {
    const refused = (status: number, text: string): HttpFile => ({ status, contentType: 'text/plain; charset=utf-8', body: text });
    const claims = this.deps.links.verify(query.t ?? '', this.deps.clock.now());
    if (!claims) return refused(403, 'This link has expired or is not valid. Open the report in Teams again to get a new one.');
    const person = await this.deps.directory.findById(claims.staffId);
    const period = periodFromKey(claims.period);
    if (!person || !period) return refused(403, 'This link is no longer valid.');
    let audience: Audience;
    try {
      audience = await this.deps.reports.audience(person, claims.audience);
    } catch (error) {
      if (isDomainError(error)) return refused(403, 'You may no longer see these figures.');
      throw error;
    }
    const report = await this.deps.reports.build(audience, period);
    if (claims.file === 'png') return { status: 200, contentType: 'image/png', body: await this.deps.charts.png(report.chart) };
    return { status: 200, contentType: 'text/csv; charset=utf-8', body: reportCsv(report), fileName: csvFileName(report) };
  }

  /** An outbox report card (scheduled): subject "w2026-03-02:s" (Specialist Advice) or ":d" (DEA support). */
  async renderScheduled(subjectId: string, recipient: StaffMember): Promise<AdaptiveCard | null> {
    const [key, kind] = subjectId.split(':');
    const period = periodFromKey(key ?? '');
    if (!period) return null;
    const audience = (await this.deps.reports.audiences(recipient)).find((a) => (kind === 's' ? a.kind === 'specialist_advice' : a.kind === 'dea'));
    return audience ? this.card(recipient, audience, period) : null;
  }

  /**
   * Scheduled reports and periodic feedback. Every instance looks every few minutes; a lease per
   * person and period sends each once. Weekly on Monday from 07:00 London time; monthly on the first
   * working day of the month. Specialist Advice is weekly during a district's trial, monthly after.
   */
  async sendScheduled(now: Date = this.deps.clock.now()): Promise<number> {
    const today = londonDateFast(now);
    const hour = new Date(londonWallMs(now)).getUTCHours();
    if (hour < SEND_FROM_HOUR) return 0;
    const weekly = new Date(`${today}T00:00:00Z`).getUTCDay() === 1 ? lastComplete('week', now) : null;
    const monthly = firstWorkingDay(today.slice(0, 7)) === today ? lastComplete('month', now) : null;
    if (!weekly && !monthly) return 0;
    let sent = 0;
    const once = async (staffId: string, kind: string, subject: string): Promise<void> => {
      const job = `report:${kind}`;
      if (!(await this.deps.jobs.claim(job, `${subject}:${staffId}`, now, 10 * 60_000))) return;
      await this.deps.notify(staffId, kind, subject);
      await this.deps.jobs.complete(job, `${subject}:${staffId}`, now);
      sent += 1;
    };
    const recipients = await this.deps.directory.findByIds(await this.deps.people.holdersOf(['performance_manager', 'hcp_activity_manager', 'dea', 'work_coach_team_leader']));
    for (const person of recipients) {
      for (const audience of await this.deps.reports.audiences(person)) {
        const letter = audience.kind === 'specialist_advice' ? 's' : 'd';
        if (weekly && (audience.kind === 'dea' || (await this.inTrial(audience, weekly)))) await once(person.id, REPORT_CARD, `${periodKey(weekly)}:${letter}`);
        if (monthly) await once(person.id, REPORT_CARD, `${periodKey(monthly)}:${letter}`);
      }
    }
    // Periodic feedback from HCPs and team leaders: weekly in their district's trial, monthly after it.
    for (const person of await this.deps.directory.findByIds(await this.deps.feedbackStore.periodicRespondents())) {
      const district = await this.deps.people.districtOf(person.jobcentreId);
      if (!district) continue;
      const trial = this.deps.trials.of(district);
      if (weekly && startsInTrial(trial, weekly)) await once(person.id, FEEDBACK_PERIODIC_CARD, periodKey(weekly));
      if (monthly && monthAskedAbout(trial, monthly)) await once(person.id, FEEDBACK_PERIODIC_CARD, periodKey(monthly));
    }
    return sent;
  }

  private async inTrial(audience: Audience, week: ReportPeriod): Promise<boolean> {
    if (audience.kind !== 'specialist_advice') return false;
    const districts = audience.district ? [audience.district] : [...new Set((await this.deps.reports.hcpDistricts()).values())];
    return districts.some((d) => startsInTrial(this.deps.trials.of(d), week));
  }

  /** A feedback card for its respondent; null when it is not theirs (nothing is sent). */
  async renderFeedback(kind: FeedbackKind, subjectId: string, recipient: StaffMember): Promise<AdaptiveCard | null> {
    try {
      const subject = await this.deps.feedback.subject(recipient, kind, subjectId);
      return feedbackCard({ kind, subjectId, about: subject.about, answered: await this.deps.feedback.answered(recipient, subject) });
    } catch (error) {
      if (isDomainError(error)) return null;
      throw error;
    }
  }

  async feedbackAnswer(person: StaffMember, kind: FeedbackKind, subjectId: string, typed: Readonly<Record<string, string>>): Promise<AdaptiveCardInvokeResponse> {
    try {
      const subject = await this.deps.feedback.subject(person, kind, subjectId);
      if (await this.deps.feedback.answered(person, subject)) return cardResponse(feedbackCard({ kind, subjectId, about: subject.about, answered: true }));
      const outcome = await this.deps.feedback.record(person, subject, typed);
      if ('problems' in outcome) return cardResponse(feedbackCard({ kind, subjectId, about: subject.about, answered: false, typed, problems: outcome.problems }));
      return cardResponse(feedbackCard({ kind, subjectId, about: subject.about, answered: true }));
    } catch (error) {
      if (isDomainError(error)) return cardResponse(messageCard(error.message));
      throw error;
    }
  }

  /** "Due soon" for the DEA, "missed" for their team leader; nothing once the request is answered. */
  async renderDeadline(missed: boolean, requestId: string, recipient: StaffMember): Promise<AdaptiveCard | null> {
    const request = await this.deps.deadlines.find(requestId);
    if (!request || request.answered) return null;
    return missed ? this.missedCard(request, recipient) : dueSoonCard(request);
  }

  private async missedCard(request: DueRequest, recipient: StaffMember): Promise<AdaptiveCard | null> {
    const dea = await this.deps.directory.findById(request.deaId);
    if (!dea || dea.teamLeaderId?.toLowerCase() !== recipient.id.toLowerCase()) return null;
    return {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        heading(`${request.reference}: required response date missed`),
        textBlock(`Your action: check with ${dea.name}. Request ${request.reference} needed an answer by ${longDate(request.requiredBy)} and is still waiting for them.`, { weight: 'Bolder' }),
        textBlock('You are told because you are their team leader. The request counts as answered late in the reports.', { isSubtle: true }),
      ],
    };
  }
}

function dueSoonCard(request: DueRequest): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      heading(`${request.reference}: answer needed by ${longDate(request.requiredBy)}`),
      textBlock(`Your action: accept, ask for more information or redirect request ${request.reference} by ${longDate(request.requiredBy)}. Say "queue" to open it.`, { weight: 'Bolder' }),
      textBlock('If it is still waiting then, your team leader is told.', { isSubtle: true }),
    ],
  };
}

