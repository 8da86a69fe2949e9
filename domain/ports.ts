import type { StaffMember } from './staff';

/** Structured logging, satisfied by pino. Callers never pass claimant data. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface StaffDirectory {
  findByAadObjectId(aadObjectId: string): Promise<StaffMember | null>;
  findById(id: string): Promise<StaffMember | null>;
  findByIds(ids: readonly string[]): Promise<StaffMember[]>;
  /** The people whose team leader this is. */
  findByTeamLeader(teamLeaderId: string): Promise<StaffMember[]>;
}

/**
 * Work after a person's answer (diaries to write, move or clear; a plan's conferences to book),
 * kept in SQL until it is done, so a process that stops part-way leaves it for the next one.
 */
export interface WorkScheduler {
  /** Asks for the subject's work to run (again) soon; it is part of the current unit of work. */
  schedule(kind: string, subjectId: string): Promise<void>;
}
