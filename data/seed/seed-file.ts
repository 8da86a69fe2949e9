import { z } from 'zod';
import { ROLES, isRole } from '../../domain/roles';

/**
 * The staff directory file `npm run seed -- FILE.json` loads. People refer to their DEA and team
 * leader by email, and to their office by name, so the file can be written by hand.
 */
const jobcentreEntry = z.object({
  name: z.string().trim().min(1).max(100),
  cluster: z.string().trim().min(1).max(100),
  district: z.string().trim().min(1).max(100),
  bankHolidays: z.enum(['england-and-wales', 'scotland', 'northern-ireland']).default('england-and-wales'),
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A day's hours may end at 24:00 (midnight), as the calendar rules allow; they never start there.
const HOURS = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const dayHours = z
  .string()
  .regex(HOURS, 'must be like "08:30-17:00" (an end of 24:00 is midnight)')
  .refine((v) => v.slice(0, 5) < v.slice(6), 'must end after it starts');

/** Days not listed are not worked. */
const workingHours = z
  .object({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours })
  .partial()
  .strict();

const staffEntry = z.object({
  aadObjectId: z.string().trim().regex(GUID, 'must be the person\'s Microsoft Entra object id (a GUID)'),
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().max(320).email('is not a valid email address'),
  roles: z.array(z.string()).min(1, 'needs at least one role'),
  jobcentre: z.string().trim().min(1).optional(),
  dea: z.string().trim().optional(),
  teamLeader: z.string().trim().optional(),
  workingHours: workingHours.optional(),
});

const seedFile = z.object({
  jobcentres: z.array(jobcentreEntry).default([]),
  staff: z.array(staffEntry).default([]),
});

export type SeedFile = z.infer<typeof seedFile>;
export type SeedJobcentre = z.infer<typeof jobcentreEntry>;
export type SeedStaff = z.infer<typeof staffEntry>;

export class SeedFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The seed file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`);
    this.name = 'SeedFileError';
  }
}

/** Parses and checks a seed file; every problem names the entry it is in. Nothing is written here. */
export function parseSeedFile(text: string): SeedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedFileError([`the file is not valid JSON (${(error as Error).message})`]);
  }
  const parsed = seedFile.safeParse(json);
  if (!parsed.success) {
    throw new SeedFileError(parsed.error.issues.map((issue) => `${describePath(json, issue.path)}: ${issue.message}`));
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new SeedFileError(problems);
  return parsed.data;
}

function describePath(json: unknown, path: readonly PropertyKey[]): string {
  const [list, index, ...rest] = path;
  const label = typeof list === 'string' && typeof index === 'number' ? entryLabel(json, list, index) : path.join('.');
  return rest.length ? `${label} ${rest.join('.')}` : label;
}

function entryLabel(json: unknown, list: string, index: number): string {
  const entry = (json as Record<string, unknown[] | undefined>)?.[list]?.[index] as Record<string, unknown> | undefined;
  const name = typeof entry?.name === 'string' ? ` (${entry.name})` : '';
  return `${list}[${index}]${name}`;
}

function crossCheck(file: SeedFile): string[] {
  const problems: string[] = [];
  const label = (i: number) => `staff[${i}] (${file.staff[i]?.name})`;

  const jobcentreNames = new Set<string>();
  file.jobcentres.forEach((j, i) => {
    const key = j.name.toLowerCase();
    if (jobcentreNames.has(key)) problems.push(`jobcentres[${i}] (${j.name}): the name appears twice`);
    jobcentreNames.add(key);
  });

  const byAad = new Map<string, number>();
  const byEmail = new Map<string, number>();
  file.staff.forEach((s, i) => {
    const aad = s.aadObjectId.toLowerCase();
    if (byAad.has(aad)) problems.push(`${label(i)}: aadObjectId ${s.aadObjectId} is already used by ${label(byAad.get(aad)!)}`);
    else byAad.set(aad, i);
    const email = s.email.toLowerCase();
    if (byEmail.has(email)) problems.push(`${label(i)}: email ${s.email} is already used by ${label(byEmail.get(email)!)}`);
    else byEmail.set(email, i);
    for (const role of s.roles) {
      if (!isRole(role)) problems.push(`${label(i)}: unknown role "${role}" (known roles: ${ROLES.join(', ')})`);
    }
  });
  return problems;
}
