import { conflict, invalid, notAllowed, type DomainError } from '../errors';
import { hasRole, type StaffMember } from '../staff';
import { looksLikeNino } from '../requests/nino';

/**
 * The DEA's strategies (seed 000 §45, §49, §52, §58–59): each led by the DEA and owned by the DEA's
 * Work Coach Team Leader, who must agree before a joint local strategy goes ahead. A strategy with
 * the work psychologist is created by the DEA and their work psychologist together (§45).
 */
export const STRATEGY_KINDS = ['employment', 'provision', 'work_psychologist', 'joint_local'] as const;
export type StrategyKind = (typeof STRATEGY_KINDS)[number];

export const STRATEGY_KIND_LABELS: Readonly<Record<StrategyKind, string>> = {
  employment: 'Employment strategy, with Employer Engagement',
  provision: 'Provision strategy, with Third Party Provision',
  work_psychologist: 'Strategy with the work psychologist',
  joint_local: 'Joint local strategy',
};

/** What a strategy with the work psychologist may be about (seed 000 §45). */
export const STRATEGY_AREAS = ['condition_management', 'employment', 'provision', 'work_coach_awareness'] as const;
export type StrategyArea = (typeof STRATEGY_AREAS)[number];
export const STRATEGY_AREA_LABELS: Readonly<Record<StrategyArea, string>> = {
  condition_management: 'Condition management',
  employment: 'Employment',
  provision: 'Provision',
  work_coach_awareness: 'Work coach awareness, learning and development',
};

/** Internal partners a strategy may involve (seed 000 §49, §52, §59). */
export const INTERNAL_PARTNERS = ['employer_engagement', 'partnership_manager', 'third_party_provision', 'work_psychologist', 'customer_services_leader', 'work_coach_team_leader', 'work_coaches'] as const;
export type InternalPartner = (typeof INTERNAL_PARTNERS)[number];
export const INTERNAL_PARTNER_LABELS: Readonly<Record<InternalPartner, string>> = {
  employer_engagement: 'Employer Engagement',
  partnership_manager: 'Partnership Manager',
  third_party_provision: 'Third Party Provision',
  work_psychologist: 'Work psychologist',
  customer_services_leader: 'Customer Services Leader',
  work_coach_team_leader: 'Work Coach Team Leader',
  work_coaches: 'Work coaches',
};

/**
 * The team a kind of strategy is with: the DEA meets their Employer Engagement team monthly for an
 * employment strategy (seed 000 §49) and their Third Party Provision team for a provision one (§52).
 */
export const STRATEGY_TEAM: Readonly<Partial<Record<StrategyKind, InternalPartner>>> = { employment: 'employer_engagement', provision: 'third_party_provision' };

/**
 * A strategy's internal partners: the team its kind is with, always, then those the DEA chose. Read
 * so for strategies saved before the team was added for them too, whose meetings then invite it.
 */
export function internalPartnersOf(strategy: Pick<Strategy, 'kind' | 'internalPartners'>): InternalPartner[] {
  const team = STRATEGY_TEAM[strategy.kind];
  return [...new Set([...(team ? [team] : []), ...strategy.internalPartners])];
}

export type StrategyStatus = 'awaiting_agreement' | 'active' | 'not_agreed' | 'closed';

export interface Strategy {
  readonly id: string;
  readonly kind: StrategyKind;
  readonly title: string;
  /** The summary of why it is needed, for the invitations too (seed 000 §59). */
  readonly why: string;
  /** The DEA who leads it. */
  readonly leadId: string;
  /** The DEA's Work Coach Team Leader, who owns it. */
  readonly ownerId: string;
  /**
   * For a strategy with the work psychologist: the lead DEA's work psychologist, who creates it with
   * them (seed 000 §45); null for other kinds, or when the directory names none. Not stored: read
   * from the staff directory each time the strategy is read (bot/partnerships/strategy-people.ts),
   * so it is always the work psychologist the DEA works with now. Absent when not read (no part).
   */
  readonly workPsychologistId?: string | null;
  readonly status: StrategyStatus;
  readonly areas: readonly StrategyArea[];
  readonly internalPartners: readonly InternalPartner[];
  /** External partners, by id, from the district's list. */
  readonly partnerIds: readonly string[];
  /** The gaps it addresses, by reference to the group conferences whose outputs identified them. */
  readonly gapConferenceIds: readonly string[];
  readonly gapNote: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type ActionStatus = 'open' | 'in_progress' | 'done';
export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = { open: 'Not started', in_progress: 'In progress', done: 'Done' };

export interface StrategyAction {
  readonly id: string;
  readonly strategyId: string;
  readonly text: string;
  /** Who does it: a person or a team, in a few words. */
  readonly owner: string;
  readonly status: ActionStatus;
  readonly createdAt: Date;
}

export interface StrategyInput {
  readonly kind: StrategyKind;
  readonly title: string;
  readonly why: string;
  readonly areas: StrategyArea[];
  readonly internalPartners: InternalPartner[];
  readonly partnerIds: string[];
  readonly gapConferenceIds: string[];
  readonly gapNote: string | null;
}

/** The strategy a DEA proposes: a joint local strategy waits for the team leader's agreement (seed 000 §59). */
export function initialStatus(kind: StrategyKind): StrategyStatus {
  return kind === 'joint_local' ? 'awaiting_agreement' : 'active';
}

/** A strategy is about provision and gaps, and its title and why go in invitations, outside DWP too. */
const NO_CLAIMANT = 'Leave the National Insurance number out: a strategy is about provision, never a claimant, and this goes to its partners.';

/**
 * Checks a new strategy; `knownPartners` and `knownConferences` are the ids the DEA may choose from
 * (their district's partners, their group conferences that have outputs).
 */
export function parseStrategy(input: Record<string, unknown>, knownPartners: ReadonlySet<string>, knownConferences: ReadonlySet<string>): StrategyInput {
  const problems: Record<string, string> = {};
  const kind = str(input.kind);
  const title = str(input.title);
  const why = str(input.why);
  const gapNote = str(input.gapNote);
  const areas = list(input.areas);
  const internalPartners = list(input.internalPartners);
  const partnerIds = list(input.partnerIds);
  const gapConferenceIds = list(input.gapConferenceIds);
  if (!(STRATEGY_KINDS as readonly string[]).includes(kind)) problems.kind = 'Choose the kind of strategy.';
  if (!title) problems.title = 'Enter a title.';
  else if (title.length > 120) problems.title = 'The title must be 120 characters or fewer.';
  else if (looksLikeNino(title)) problems.title = NO_CLAIMANT;
  if (!why) problems.why = 'Enter why the strategy is needed: it goes in the invitations.';
  else if (why.length > 2000) problems.why = 'Why it is needed must be 2000 characters or fewer.';
  else if (looksLikeNino(why)) problems.why = NO_CLAIMANT;
  if (areas.some((a) => !(STRATEGY_AREAS as readonly string[]).includes(a))) problems.areas = 'Choose areas from the list.';
  else if (kind === 'work_psychologist' && !areas.length) problems.areas = 'Choose at least one area for a strategy with the work psychologist.';
  if (internalPartners.some((p) => !(INTERNAL_PARTNERS as readonly string[]).includes(p))) problems.internalPartners = 'Choose partners from the list.';
  if (partnerIds.some((p) => !knownPartners.has(p))) problems.partnerIds = 'Choose external partners from your district’s list.';
  if (gapConferenceIds.some((c) => !knownConferences.has(c))) problems.gapConferenceIds = 'Choose conferences from the list.';
  if (!gapConferenceIds.length && !gapNote) problems.gapNote = 'Say what gaps it addresses: choose the conferences that found them, or describe them.';
  else if (gapNote.length > 1000) problems.gapNote = 'The gaps must be 1000 characters or fewer.';
  else if (looksLikeNino(gapNote)) problems.gapNote = NO_CLAIMANT;
  if (Object.keys(problems).length) throw invalid('Some of the strategy needs correcting.', problems);
  // The team the kind names is added, not asked for: the DEA always meets them for such a strategy, and the confirmation says so.
  const partners = internalPartnersOf({ kind: kind as StrategyKind, internalPartners: internalPartners as InternalPartner[] });
  return { kind: kind as StrategyKind, title, why, areas: areas as StrategyArea[], internalPartners: partners, partnerIds, gapConferenceIds, gapNote: gapNote || null };
}

export function parseAction(input: Record<string, unknown>): { text: string; owner: string } {
  const problems: Record<string, string> = {};
  const text = str(input.text);
  const owner = str(input.owner);
  if (!text) problems.text = 'Enter what is to be done.';
  else if (text.length > 400) problems.text = 'The action must be 400 characters or fewer.';
  else if (looksLikeNino(text)) problems.text = NO_CLAIMANT;
  if (!owner) problems.owner = 'Enter who does it.';
  else if (owner.length > 100) problems.owner = 'Who does it must be 100 characters or fewer.';
  if (Object.keys(problems).length) throw invalid('Some of the action needs correcting.', problems);
  return { text, owner };
}

// What people may do with a strategy.

export const STRATEGY_ACTIONS = ['agree', 'decline', 'add_action', 'update_action', 'book_meetings', 'record_notes', 'close'] as const;
export type StrategyVerb = (typeof STRATEGY_ACTIONS)[number];

/**
 * The part a person plays in a strategy: the team leader who owns it, the DEA who leads it, or, in
 * a strategy with the work psychologist, the lead DEA's work psychologist (seed 000 §45, §59).
 */
export type StrategyPart = 'owner' | 'lead' | 'work_psychologist';

/**
 * Whether the person takes part in the strategies with the work psychologist of the DEAs they work
 * with (which DEAs: the DEA and work psychologist partnership's rule, `deasOf`).
 */
export function joinsTheirDeasStrategies(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'work_psychologist');
}

export function partIn(person: Pick<StaffMember, 'id'>, strategy: Strategy): StrategyPart | null {
  if (person.id === strategy.ownerId) return 'owner';
  if (person.id === strategy.leadId) return 'lead';
  if (strategy.kind === 'work_psychologist' && strategy.workPsychologistId && person.id === strategy.workPsychologistId) return 'work_psychologist';
  return null;
}

/**
 * Who may do what. The work psychologist works on the strategy as the DEA does (its actions and
 * their progress) but only the owner agrees to it, and the DEA who leads it books its meetings (in
 * their diary), records their notes with the owner (strategy-meetings.ts checks these) and closes it.
 */
const PARTS: Readonly<Record<StrategyVerb | 'view', readonly StrategyPart[]>> = {
  view: ['owner', 'lead', 'work_psychologist'],
  agree: ['owner'],
  decline: ['owner'],
  add_action: ['owner', 'lead', 'work_psychologist'],
  update_action: ['owner', 'lead', 'work_psychologist'],
  book_meetings: ['owner', 'lead'],
  record_notes: ['owner', 'lead'],
  close: ['owner', 'lead'],
};

function whoRefusal(person: Pick<StaffMember, 'id'>, strategy: Strategy, verb: StrategyVerb | 'view'): DomainError | null {
  const part = partIn(person, strategy);
  if (part && PARTS[verb].includes(part)) return null;
  if (verb === 'agree' || verb === 'decline') return notAllowed('Only the team leader who owns this strategy can agree to it.');
  const what = verb === 'view' ? 'see it' : verb === 'book_meetings' ? 'book its meetings' : verb === 'record_notes' ? 'record the notes of its meetings' : verb === 'close' ? 'close it' : 'change it';
  const who = PARTS[verb].includes('work_psychologist') && strategy.kind === 'work_psychologist' ? 'the DEA who leads this strategy, their work psychologist and the team leader who owns it' : 'the DEA who leads this strategy and the team leader who owns it';
  return notAllowed(`Only ${who} can ${what}.`);
}

function nowRefusal(strategy: Strategy, verb: StrategyVerb | 'view'): DomainError | null {
  if (verb === 'view') return null;
  if (verb === 'agree' || verb === 'decline') return strategy.status === 'awaiting_agreement' ? null : invalid('This strategy is not waiting for agreement.');
  if (strategy.status === 'awaiting_agreement') return invalid('The team leader has not agreed to this strategy yet: it cannot go ahead until they do.');
  return strategy.status === 'active' ? null : invalid(strategy.status === 'closed' ? 'This strategy is closed.' : 'This strategy was not agreed.');
}

/**
 * Why this person may not see the strategy, or do this with it now (a card shown at `version`), or
 * null: the one answer the card's buttons, the clicks and the showing of the card are read from.
 */
export function strategyRefusal(person: Pick<StaffMember, 'id'>, strategy: Strategy, verb: StrategyVerb | 'view', version: number | null = null): DomainError | null {
  return whoRefusal(person, strategy, verb) ?? (version !== null && version !== strategy.version ? conflict('The strategy changed since this card was shown.') : null) ?? nowRefusal(strategy, verb);
}

/** What this person may do with the strategy now: what its card offers, and what a click is checked against. */
export function allowedStrategy(person: Pick<StaffMember, 'id'>, strategy: Strategy): ReadonlySet<StrategyVerb> {
  return new Set(STRATEGY_ACTIONS.filter((v) => !strategyRefusal(person, strategy, v)));
}

export function assertStrategy(person: Pick<StaffMember, 'id'>, strategy: Strategy, version: number | null, verb: StrategyVerb): void {
  const refusal = strategyRefusal(person, strategy, verb, version);
  if (refusal) throw refusal;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A multi-select sends "a,b,c". */
function list(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(raw.map((v) => v.trim()).filter(Boolean))];
}
