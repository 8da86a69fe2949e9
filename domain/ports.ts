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
