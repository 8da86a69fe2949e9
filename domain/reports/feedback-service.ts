import { notAllowed, notFound } from '../errors';
import type { Clock } from '../ports';
import { hasRole, isTeamLeader, type StaffMember } from '../staff';
import { readFeedback, type FeedbackKind } from './feedback';
import { periodFromKey, periodKey, periodLabel } from './period';
import type { FeedbackStore } from './ports';
import type { ReportPeople } from './report-service';

export interface FeedbackSubject {
  readonly kind: FeedbackKind;
  readonly subjectId: string;
  /** "SA-000123" or "Week of 2 March 2026". */
  readonly about: string;
  readonly district: string;
}

export type FeedbackOutcome = { readonly saved: true } | { readonly problems: Readonly<Record<string, string>> };

/** Feedback cards: who may answer which, and the answers kept as scores. */
export class FeedbackService {
  constructor(private readonly deps: { readonly store: FeedbackStore; readonly people: ReportPeople; readonly clock: Clock }) {}

  /** What this person is asked about; refused if the feedback is not theirs to give. */
  async subject(person: StaffMember, kind: FeedbackKind, subjectId: string): Promise<FeedbackSubject> {
    if (kind === 'after_conversation') {
      const c = await this.deps.store.conversation(subjectId);
      if (!c) throw notFound('That conversation is no longer kept.');
      if (c.coachId !== person.id.toLowerCase() || c.status !== 'held') throw notAllowed('Only the work coach of a held conversation gives feedback on it.');
      return { kind, subjectId, about: c.reference, district: c.district };
    }
    const period = periodFromKey(subjectId);
    if (!period) throw notFound('That period is not one the bot asks about.');
    if (!hasRole(person, 'hcp') && !isTeamLeader(person)) throw notAllowed('Health Care Professionals and team leaders give this feedback.');
    const district = await this.deps.people.districtOf(person.jobcentreId);
    if (!district) throw notAllowed('You need a jobcentre in the staff directory to give this feedback.');
    // Kept under the period's own key ("w2026-03-02" for any day of that week): the reports find periodic answers by it.
    return { kind, subjectId: periodKey(period), about: periodLabel(period), district };
  }

  answered(person: StaffMember, subject: FeedbackSubject): Promise<boolean> {
    return this.deps.store.answered(subject.subjectId, person.id);
  }

  async record(person: StaffMember, subject: FeedbackSubject, typed: Readonly<Record<string, string>>): Promise<FeedbackOutcome> {
    const read = readFeedback(subject.kind, typed);
    if ('problems' in read) return { problems: read.problems };
    const now = this.deps.clock.now();
    await this.deps.store.save(read.answers.map((a) => ({ kind: subject.kind, subjectId: subject.subjectId, respondentId: person.id, district: subject.district, question: a.question, score: a.score, createdAt: now })));
    return { saved: true };
  }
}
