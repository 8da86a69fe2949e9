import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlCohortDirectory } from '../../data/stores/cohorts';
import { SqlConferenceStore } from '../../data/stores/group-conferences';
import { SqlJobLeases } from '../../data/stores/job-leases';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlWorkingPatterns } from '../../data/stores/working-patterns';
import { GroupConferenceService } from '../../domain/conferences/group-conference-service';
import type { ConferenceCalendar, ConferenceNotifier } from '../../domain/conferences/ports';
import type { Clock, Logger } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { SCHEMA } from '../../bot/journeys';
import { openDatabase } from '../../data/database';
import type { TempDatabase } from '../../testkit/temp-database';
import { migratedTemplate, openCopyOf, template } from './template-database';

export const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** Remembers what would have been said in Teams. */
export class RecordingConferenceNotifier implements ConferenceNotifier {
  readonly said: string[] = [];
  async planChanged(planId: string): Promise<void> {
    this.said.push(`plan ${planId}`);
  }
  async caseList(conference: { id: string }, deaId: string): Promise<void> {
    this.said.push(`cases ${conference.id} to ${deaId}`);
  }
  async summary(conference: { id: string }, wctlId: string): Promise<void> {
    this.said.push(`summary ${conference.id} to ${wctlId}`);
  }
  async qasDue(plan: { id: string }, month: string): Promise<void> {
    this.said.push(`qas ${plan.id} ${month}`);
  }
  async conferenceChanged(conference: { id: string; status: string }, staffIds: readonly string[]): Promise<void> {
    this.said.push(`${conference.status === 'cancelled' ? 'cancelled' : 'moved'} ${conference.id} to ${staffIds.join(', ')}`);
  }
}

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public at: Date) {}
  now(): Date {
    return this.at;
  }
}

export interface ConferenceFixture {
  readonly db: TempDatabase;
  readonly directory: SqlStaffDirectory;
  readonly store: SqlConferenceStore;
  readonly notifier: RecordingConferenceNotifier;
  readonly dea: StaffMember;
  readonly wctl: StaffMember;
  readonly clock: TestClock;
  service(calendar: ConferenceCalendar): GroupConferenceService;
}

/** The migrated template with the demo directory loaded by the seed loader, made once per run. */
function demoDirectoryTemplate(): Promise<string> {
  return template('demo-directory', async (dir) => {
    const file = join(dir, 'dea-bot.sqlite');
    copyFileSync(await migratedTemplate(), file);
    const dataSource = await openDatabase({ kind: 'sqlite', file }, SCHEMA);
    await applySeed(dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    await dataSource.destroy();
  });
}

/** A real SQLite file with the migrations run and the demo directory (Dana, Tom, 30 coaches) loaded: a copy of a template. */
export async function conferenceFixture(now: Date): Promise<ConferenceFixture> {
  const db = await openCopyOf(await demoDirectoryTemplate());
  const directory = new SqlStaffDirectory(db.dataSource);
  const store = new SqlConferenceStore(db.dataSource);
  const notifier = new RecordingConferenceNotifier();
  const clock = new TestClock(now);
  const dea = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000002'))!;
  const wctl = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000003'))!;
  return {
    db,
    directory,
    store,
    notifier,
    dea,
    wctl,
    clock,
    service: (calendar) =>
      new GroupConferenceService({
        store,
        calendar,
        cohort: new SqlCohortDirectory(db.dataSource, directory),
        directory,
        patterns: new SqlWorkingPatterns(db.dataSource),
        notifier,
        jobs: new SqlJobLeases(db.dataSource),
        clock,
        logger: quietLogger,
      }),
  };
}
