/**
 * Cards of the DEA's partnership work: the local Disability Hub (search, keeping it, publishing
 * changes), opportunities shared with the cohort, external partners and changes in their services.
 * Built as typed objects (no template to parse); people's text is only ever a value.
 */
import { HUB_KIND_LABELS, HUB_LIMITS, hubKindChoices, type HubChange, type HubEntry, type HubKind } from '../domain/partnerships/hub';
import type { HubSuggestions } from '../domain/partnerships/hub-suggestions';
import type { HubChangeAction, HubEntryAction, PartnerAction, PartnershipsPart } from '../domain/partnerships/partnership-policy';
import { earliestMeetingOn, MEETING_YEARS_BACK, PARTNER_KIND_LABELS, PARTNER_KINDS, PARTNER_LIMITS, type Partner, type ServiceChange } from '../domain/partnerships/partners';
import { SOLUTION_KIND_LABELS, SOLUTION_KINDS, SOLUTION_LIMITS, TEAM_LABELS, teamOf, type Solution } from '../domain/partnerships/solutions';
import { ACTION_STATUS_LABELS, INTERNAL_PARTNER_LABELS, INTERNAL_PARTNERS, internalPartnersOf, STRATEGY_AREA_LABELS, STRATEGY_AREAS, STRATEGY_KIND_LABELS, STRATEGY_KINDS, type Strategy, type StrategyVerb } from '../domain/partnerships/strategies';
import { CADENCE_LABELS, CADENCES, MAX_OCCURRENCES, MEETING_NOTES_LIMIT, type StrategyMeeting } from '../domain/partnerships/strategy-meetings';
import type { StrategyChoices, StrategyView } from '../domain/partnerships/strategy-service';
import { describeDate, describeMeeting } from '../domain/requests/calendar-date';
import { firstName, type StaffMember } from '../domain/staff';
import { formCard, showCardAction, type FormField } from './form-card';
import { confirmAction, glanceCard, type FormState, type GlanceNote } from './glance-card';
import type { AdaptiveCard } from './render';

type Element = Record<string, unknown>;

const text = (value: string, extra: Element = {}): Element => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const heading = (value: string): Element => text(value, { size: 'Large', weight: 'Bolder', style: 'heading' });
const noteBlock = (note: GlanceNote | undefined): Element[] => (note ? [{ type: 'Container', style: note.tone === 'good' ? 'good' : 'attention', items: [text(note.text, { weight: 'Bolder' })] }] : []);

function card(body: Element[], actions: Element[] = []): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}

/** Details behind a "Show details" button (Action.ToggleVisibility), so the card reads at a glance. */
function details(id: string, items: Element[]): Element[] {
  return [
    { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show details', targetElements: [id] }] },
    { type: 'Container', id, isVisible: false, items },
  ];
}

function facts(pairs: readonly (readonly [string, string | null | undefined])[]): Element {
  return { type: 'FactSet', facts: pairs.filter(([, v]) => v).map(([title, value]) => ({ title, value })) };
}

/** A button that opens a web address; only addresses the domain has checked reach a card. */
function openUrl(title: string, url: string): Element {
  return { type: 'Action.OpenUrl', title, url };
}

function linkLine(label: string, url: string | null): Element[] {
  return url ? [{ type: 'ActionSet', actions: [openUrl(label, url)] }] : [];
}

// ---------------------------------------------------------------------------------------------
// The Hub

/** The form of a new entry (`current` null) or of a change to an entry of that kind: the kinds its click is allowed. */
function hubFields(current: HubKind | null): FormField[] {
  return [
    { id: 'title', kind: 'text', label: 'Title', required: true, errorMessage: 'Enter a title.', maxLength: HUB_LIMITS.title },
    { id: 'summary', kind: 'multiline', label: 'Summary', hint: 'What it is and who it helps, in a sentence or two.', required: true, errorMessage: 'Enter a summary.', maxLength: HUB_LIMITS.summary },
    { id: 'link', kind: 'text', label: 'Web address (optional)', placeholder: 'https://', required: false, errorMessage: '', maxLength: HUB_LIMITS.link },
    { id: 'kind', kind: 'choice', label: 'Kind of entry', required: true, errorMessage: 'Choose what kind of entry this is.', choices: hubKindChoices(current).map((k) => ({ title: HUB_KIND_LABELS[k], value: k })) },
  ];
}

export interface HubResultsView {
  readonly words: string;
  readonly district: string | null;
  readonly entries: readonly HubEntry[];
  /** The viewer keeps the Hub (a DEA): they may add to it. */
  readonly mayAdd: boolean;
  /** For a DEA: what they may do with each entry, by entry id. */
  readonly entryActions?: ReadonlyMap<string, ReadonlySet<HubEntryAction>>;
  readonly note?: GlanceNote;
  readonly form?: FormState;
  /** The entry whose change form was refused, to show it with what was typed (else the form is the new entry's). */
  readonly formFor?: string;
}

/** `hub <words>`: what the district's Hub has on it, newest or best match first. */
export function hubResultsCard(view: HubResultsView): AdaptiveCard {
  const body: Element[] = [heading(view.words ? `Disability Hub: “${view.words}”` : 'Your local Disability Hub')];
  body.push(...noteBlock(view.note));
  if (!view.district) {
    body.push(text('You cannot search the Hub yet: the staff directory does not say which jobcentre you work in. Ask whoever keeps the directory.'));
    return card(body);
  }
  if (!view.entries.length) {
    body.push(text(view.words ? `Nothing on the ${view.district} Hub matches “${view.words}”. Try fewer or different words, or ask your DEA.` : `There is nothing on the ${view.district} Hub yet.`));
  } else {
    body.push(text(view.words ? `You found ${count(view.entries.length, 'entry', 'entries')} on the ${view.district} Hub.` : `The newest ${count(view.entries.length, 'entry', 'entries')} on the ${view.district} Hub. Say **hub** and some words to search, for example **hub autism**.`));
    view.entries.forEach((entry, i) => body.push(hubEntryBlock(entry, i, view.entryActions?.get(entry.id), view.formFor === entry.id ? view.form : undefined)));
  }
  const actions: Element[] = [];
  if (view.mayAdd) {
    const form = view.formFor ? undefined : view.form;
    actions.push(showCardAction({ title: 'Add to the Hub', verb: 'hub.propose', submitTitle: 'Send to be published', intro: 'It goes to your district provision tool’s single point of contact, who publishes it. Coaches find it once it is published.', data: {}, fields: hubFields(null), values: form?.values, problems: form?.problems }));
  }
  return card(body, actions);
}

/** Why the Hub is offered, and what the reader is to do with it. */
export interface HubSuggestionsView {
  readonly suggestions: HubSuggestions;
  /** What the card is about, in a sentence: "Other support for a claimant the DEA cannot support". */
  readonly about: string;
  /** "Your action: …", addressed to the reader. */
  readonly yourAction: string;
}

/**
 * A few entries of the local Disability Hub that fit (where the product points someone to the Hub),
 * and a button that sends the command showing more. Null when nothing fits: the sender says so in words.
 */
export function hubSuggestionsCard(view: HubSuggestionsView): AdaptiveCard | null {
  const { suggestions } = view;
  if (!suggestions.district || !suggestions.entries.length) return null;
  const body: Element[] = [
    heading(`From the ${suggestions.district} Disability Hub`),
    text(view.about, { spacing: 'None' }),
    text(view.yourAction, { weight: 'Bolder', size: 'Medium' }),
  ];
  suggestions.entries.forEach((entry, i) => body.push(hubEntryBlock(entry, i, undefined, undefined)));
  const more = suggestions.total > suggestions.entries.length;
  body.push(
    text(
      more
        ? `${suggestions.entries.length} of ${count(suggestions.total, 'entry', 'entries')} shown. Say **${suggestions.moreCommand}** to see more.`
        : `Say **hub** and some words to search for more, for example **hub mental health**.`,
      { isSubtle: true },
    ),
  );
  return card(body, [{ type: 'Action.Submit', title: more ? 'More from the Hub' : 'Search the Hub', data: { command: suggestions.moreCommand } }]);
}

function hubEntryBlock(entry: HubEntry, index: number, allowed: ReadonlySet<HubEntryAction> | undefined, form: FormState | undefined): Element {
  const items: Element[] = [
    text(entry.title, { weight: 'Bolder' }),
    text(HUB_KIND_LABELS[entry.kind], { isSubtle: true, spacing: 'None', size: 'Small' }),
    text(entry.summary, { spacing: 'Small', maxLines: 3 }),
  ];
  if (entry.status === 'awaiting_publication') items.push(text('Waiting to be published: coaches cannot see it yet.', { isSubtle: true, size: 'Small' }));
  const actions: Element[] = entry.link ? [openUrl('Open', entry.link)] : [];
  if (allowed?.has('change')) {
    actions.push(
      showCardAction({
        title: 'Change',
        verb: 'hub.change',
        submitTitle: 'Send the change',
        intro: 'The entry stays as it is until the change is published.',
        data: { entryId: entry.id },
        fields: hubFields(entry.kind),
        values: form?.values ?? { title: entry.title, summary: entry.summary, link: entry.link ?? '', kind: entry.kind },
        problems: form?.problems,
      }),
    );
  }
  if (allowed?.has('remove')) {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Remove',
      card: { type: 'AdaptiveCard', body: [text(`Ask for “${entry.title}” to be taken off the Hub?`)], actions: [{ type: 'Action.Execute', title: 'Yes, ask to remove it', verb: 'hub.remove', data: { entryId: entry.id }, style: 'destructive' }] },
    });
  }
  if (actions.length) items.push({ type: 'ActionSet', actions });
  return { type: 'Container', separator: index > 0, spacing: 'Medium', items };
}

const ACTION_WORDS: Readonly<Record<HubChange['action'], { ask: string; done: string }>> = {
  add: { ask: 'add this to', done: 'added to' },
  change: { ask: 'change this entry on', done: 'changed on' },
  remove: { ask: 'remove this entry from', done: 'removed from' },
};

export interface HubChangeView {
  readonly change: HubChange;
  readonly entry: HubEntry;
  readonly requester: StaffMember | null;
  readonly allowed: ReadonlySet<HubChangeAction>;
  readonly note?: GlanceNote;
  readonly form?: FormState;
}

/** To the single point of contact: a change to publish on the intranet, then to mark published. */
export function hubChangeCard(view: HubChangeView): AdaptiveCard {
  const { change, entry } = view;
  const who = view.requester?.name ?? 'A DEA';
  const words = ACTION_WORDS[change.action];
  const body: Element[] = [heading(`Please ${words.ask} the ${entry.district} Disability Hub`)];
  body.push(...noteBlock(view.note));
  if (change.status === 'requested') body.push(text(`${who} asks you to ${words.ask} the Hub. Publish it on the intranet, then choose **Published** so coaches can find it here too.`));
  else if (change.status === 'published') body.push(text(`You marked this published. Coaches now see it ${words.done} the Hub.`));
  else body.push(text(`You said this cannot be published: ${change.reason ?? ''}`));
  body.push(text(change.content.title, { weight: 'Bolder' }));
  body.push(facts([['Kind', HUB_KIND_LABELS[change.content.kind]], ['Asked by', view.requester?.name]]));
  body.push(...details(`hub-change-${change.id}`, [text(change.content.summary), ...linkLine('Open the web address', change.content.link), ...(change.action === 'change' ? [text(`Now on the Hub: ${entry.title}`, { isSubtle: true })] : [])]));
  const actions: Element[] = [];
  if (view.allowed.has('publish')) actions.push({ type: 'Action.Execute', title: 'Published', verb: 'hub.publish', data: { changeId: change.id, version: change.version }, style: 'positive' });
  if (view.allowed.has('decline')) {
    actions.push(
      showCardAction({
        title: 'Cannot publish',
        verb: 'hub.decline',
        submitTitle: 'Send to the DEA',
        data: { changeId: change.id, version: change.version },
        fields: [{ id: 'reason', kind: 'multiline', label: 'Why it cannot be published', required: true, errorMessage: 'Enter why it cannot be published.', maxLength: 400 }],
        values: view.form?.values,
        problems: view.form?.problems,
      }),
    );
  }
  return card(body, actions);
}

/** To the DEA who asked: the change was published, or why not. */
export function hubDecidedCard(change: HubChange): AdaptiveCard {
  const words = ACTION_WORDS[change.action];
  if (change.status === 'published') return card([heading('Your Hub change is published'), text(`“${change.content.title}” is ${words.done} the Hub. Coaches find it with **hub** and some words.`)]);
  return card([heading('Your Hub change was not published'), text(`“${change.content.title}” was not ${words.done} the Hub.`), text(`The reason given: ${change.reason ?? 'none'}`), text('Correct it and send it again with **hub**.', { isSubtle: true })]);
}

// ---------------------------------------------------------------------------------------------
// Opportunities

/** `share opportunity`: the DEA tells the cohort about an opportunity, or that none is found yet. */
export function shareOpportunityCard(cohortSize: number, state: FormState = {}, note?: GlanceNote): AdaptiveCard {
  const fields: FormField[] = [
    { id: 'kind', kind: 'choice', label: 'Kind of opportunity', required: true, errorMessage: 'Choose the kind of opportunity.', choices: SOLUTION_KINDS.map((k) => ({ title: `${SOLUTION_KIND_LABELS[k]} (${TEAM_LABELS[teamOf(k)]})`, value: k })) },
    {
      id: 'status',
      kind: 'choice',
      label: 'Is it available now?',
      required: true,
      errorMessage: 'Choose whether it is available now.',
      choices: [
        { title: 'Yes: coaches can refer claimants now', value: 'available' },
        { title: 'No immediate solution: the team will keep looking', value: 'still_investigating' },
      ],
    },
    { id: 'title', kind: 'text', label: 'Title', required: true, errorMessage: 'Enter a title.', maxLength: SOLUTION_LIMITS.title },
    { id: 'summary', kind: 'multiline', label: 'Summary', hint: 'What it is, who it suits and how to refer a claimant.', required: true, errorMessage: 'Enter a summary.', maxLength: SOLUTION_LIMITS.summary },
    { id: 'link', kind: 'text', label: 'Web address (optional)', placeholder: 'https://', required: false, errorMessage: '' },
    { id: 'onHub', kind: 'multichoice', label: 'For a group opportunity', required: false, errorMessage: '', choices: [{ title: 'Also put it on the local Disability Hub', value: 'true' }] },
  ];
  const form = formCard({
    journey: '',
    step: '',
    title: 'Share an opportunity with your work coaches',
    intro: `It goes to your ${count(cohortSize, 'work coach', 'work coaches')} at once, with a reminder to explain the conditionality to the claimant.`,
    submitTitle: 'Share it',
    fields,
    values: { status: 'available', ...state.values },
    problems: state.problems,
  });
  (form.body as Element[]).splice(1, 0, ...noteBlock(note));
  form.actions = [{ type: 'Action.Execute', title: 'Share it', verb: 'opportunity.share', style: 'positive', data: {} }];
  return form;
}

/** To each coach of the cohort: an opportunity to refer claimants to, with the conditionality reminder (seed 000 §51, §54). */
export function opportunityCard(solution: Solution, dea: StaffMember | null): AdaptiveCard {
  const team = TEAM_LABELS[teamOf(solution.kind)];
  const from = dea ? firstName(dea) : 'Your DEA';
  const kind = SOLUTION_KIND_LABELS[solution.kind];
  if (solution.status === 'still_investigating') {
    return card([
      heading(`No ${kind.toLowerCase()} yet: ${solution.title}`),
      text(`${from} says there is no immediate solution. ${team} will keep looking, and you will be told when something is found.`),
      ...details(`opportunity-${solution.id}`, [text(solution.summary)]),
    ]);
  }
  return card([
    heading(`New opportunity: ${solution.title}`),
    text(`${from} shared a ${kind.toLowerCase()} you can refer claimants to.`),
    { type: 'Container', style: 'emphasis', items: [text('Before you refer someone, make sure they fully understand the conditionality requirement to apply for and take up the opportunity. Take DMA action if required.', { weight: 'Bolder' })] },
    ...details(`opportunity-${solution.id}`, [text(solution.summary), facts([['Kind', kind], ['Worked up with', team]]), ...linkLine('Open the details', solution.link)]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// External partners

function partnerFields(today: string): FormField[] {
  return [
    { id: 'name', kind: 'text', label: 'Organisation', required: true, errorMessage: 'Enter the organisation’s name.', maxLength: 120 },
    { id: 'kind', kind: 'choice', label: 'Kind of organisation', required: true, errorMessage: 'Choose what kind of organisation it is.', choices: PARTNER_KINDS.map((k) => ({ title: PARTNER_KIND_LABELS[k], value: k })) },
    { id: 'contact', kind: 'text', label: 'Contact', hint: 'A name, phone number or email address.', required: true, errorMessage: 'Enter how to reach them.', maxLength: 200 },
    { id: 'website', kind: 'text', label: 'Website (optional)', placeholder: 'https://', required: false, errorMessage: '', maxLength: 400 },
    { id: 'focus', kind: 'multiline', label: 'What you work on together', required: true, errorMessage: 'Enter what you work on together.', maxLength: 400 },
    { id: 'lastMetOn', kind: 'date', label: 'Last met (optional)', required: false, errorMessage: 'Enter a date in the past.', max: today },
  ];
}

export interface PartnersView {
  readonly district: string;
  /** Those shown: by name, found by `find` when given, a bounded number of them. */
  readonly partners: readonly Partner[];
  /** Partners past those shown, to be found by name. */
  readonly more: boolean;
  /** The words the partners were found by; '' for the start of the list. */
  readonly find: string;
  readonly today: string;
  readonly note?: GlanceNote;
  readonly form?: FormState;
  /** The form a refusal opens again, with what was typed: the district notice or a new partner. */
  readonly openForm?: 'notice' | 'add';
}

/**
 * `partners`: the district's external partners, and a notice to the district when a service changes
 * (seed 000 §55–56). One notice form, choosing among the partners shown, keeps the card inside Teams'
 * message size however long the list; others are found by name.
 */
export function partnersCard(view: PartnersView): AdaptiveCard {
  const body: Element[] = [heading(`External partners in ${view.district}`)];
  body.push(...noteBlock(view.note));
  const quoted = `“${view.find}”`;
  if (view.find) body.push(text(view.partners.length ? `Partners whose name holds ${quoted}:` : `No partner on the list has ${quoted} in their name.`, { weight: 'Bolder' }));
  else body.push(text(view.partners.length ? 'If a service changes in a way that affects claimants, choose **Tell the district**: every DEA and work coach in the district is told.' : 'There are no partners on the list yet. Add the GP surgeries, NHS services, charities and peer led organisations you work with.'));
  const notMet = view.partners.filter((p) => !p.lastMetOn);
  if (notMet.length) body.push(text(`Your action: arrange to meet ${notMet.length === 1 ? notMet[0]!.name : `the ${notMet.length} partners shown as not met yet`}, face to face if you can. Then open the partner and choose **Update** to record it.`, { weight: 'Bolder' }));
  view.partners.forEach((p, i) => {
    const detailsId = `partner-${p.id}`;
    body.push({
      type: 'Container',
      separator: i > 0,
      items: [
        text(p.name, { weight: 'Bolder' }),
        text(`${PARTNER_KIND_LABELS[p.kind]} · ${lastMet(p)}`, { isSubtle: true, spacing: 'None', size: 'Small' }),
        // One row of buttons a partner: ten pre-filled update forms would take the card past Teams' message size.
        { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show details', targetElements: [detailsId] }, { type: 'Action.Execute', title: 'Open', verb: 'partner.open', data: { partnerId: p.id } }] },
        { type: 'Container', id: detailsId, isVisible: false, items: [facts([['Contact', p.contact], ['Focus', p.focus]]), ...linkLine('Website', p.website)] },
      ],
    });
  });
  if (view.more) body.push(text(`More partners are on the list than are shown here: choose **Find a partner** and type part of a name.`, { isSubtle: true }));
  const actions: Element[] = [];
  if (view.partners.length) {
    const noticeState = view.openForm === 'notice' ? view.form : undefined;
    actions.push(
      showCardAction({
        title: 'Tell the district',
        verb: 'partner.notice',
        submitTitle: 'Send to the district',
        intro: `Every DEA and work coach in ${view.district} gets this.`,
        data: {},
        fields: [
          { id: 'partnerId', kind: 'list', label: 'Whose service is changing', required: true, errorMessage: 'Choose the partner.', choices: view.partners.map((p) => ({ title: p.name, value: p.id })) },
          { id: 'change', kind: 'multiline', label: 'What is changing, and from when', required: true, errorMessage: 'Enter what is changing.', maxLength: 400 },
          { id: 'impact', kind: 'multiline', label: 'What it means for claimants', hint: 'And where coaches can send them now.', required: true, errorMessage: 'Enter what it means for claimants.', maxLength: 600 },
        ],
        values: noticeState?.values,
        problems: noticeState?.problems,
      }),
    );
  }
  if (view.more || view.find) {
    actions.push(showCardAction({ title: 'Find a partner', verb: 'partner.list', submitTitle: 'Find', data: {}, fields: [{ id: 'find', kind: 'text', label: 'Part of their name', required: false, errorMessage: '', maxLength: 100 }], values: { find: view.find } }));
  }
  const addState = view.openForm === 'add' ? view.form : undefined;
  actions.push(showCardAction({ title: 'Add a partner', verb: 'partner.add', submitTitle: 'Add', data: {}, fields: partnerFields(view.today), values: addState?.values, problems: addState?.problems }));
  return card(body, actions);
}

function lastMet(partner: Partner): string {
  return partner.lastMetOn ? `last met ${describeDate(partner.lastMetOn)}` : 'not met yet';
}

export interface PartnerCardView {
  readonly partner: Partner;
  /** What the viewer may do with the partner now (the policy's answer, which the click is checked against). */
  readonly allowed: ReadonlySet<PartnerAction>;
  readonly today: string;
  readonly note?: GlanceNote;
  /** A refused update, with what was typed. */
  readonly form?: FormState;
}

/**
 * One partner (seed 000 §56): the DEA contacts them by email or phone, preferably leading to a face
 * to face meeting, and records it here with how to reach them now.
 */
export function partnerCard(view: PartnerCardView): AdaptiveCard {
  const { partner } = view;
  const mayUpdate = view.allowed.has('update');
  const yourAction = !mayUpdate
    ? 'Nothing for you to do here.'
    : partner.lastMetOn
      ? 'Nothing for you to do now. After your next meeting with them, or when their contact changes, choose **Update**.'
      : 'Your action: arrange to meet them, face to face if you can, then choose **Update** to record it.';
  const actions: Element[] = [];
  if (mayUpdate) {
    actions.push(
      showCardAction({
        title: 'Update',
        verb: 'partner.update',
        submitTitle: 'Save',
        intro: 'Record a meeting you had with them, or change how to reach them.',
        data: { partnerId: partner.id, version: partner.version },
        fields: [
          { id: 'lastMetOn', kind: 'date', label: 'Last met (optional)', hint: 'Face to face, by video or on a telekit call.', required: false, errorMessage: `Enter a date in the last ${MEETING_YEARS_BACK} years, and not after today.`, min: earliestMeetingOn(view.today), max: view.today },
          { id: 'contact', kind: 'text', label: 'Contact', hint: 'A name, phone number or email address.', required: true, errorMessage: 'Enter how to reach them.', maxLength: PARTNER_LIMITS.contact },
          { id: 'website', kind: 'text', label: 'Website (optional)', placeholder: 'https://', required: false, errorMessage: '', maxLength: PARTNER_LIMITS.website },
        ],
        // A refusal gives back what was typed; a field the click did not send shows as it is kept.
        values: { lastMetOn: partner.lastMetOn ?? '', contact: partner.contact, website: partner.website ?? '', ...view.form?.values },
        problems: view.form?.problems,
      }),
    );
  }
  actions.push({ type: 'Action.Execute', title: 'All partners', verb: 'partner.list', data: {} });
  return glanceCard({
    title: partner.name,
    subtitle: `${PARTNER_KIND_LABELS[partner.kind]} · ${lastMet(partner)}`,
    ...(view.note ? { note: view.note } : {}),
    yourAction,
    keyFacts: [{ label: 'Contact', value: partner.contact }, ...(partner.website ? [{ label: 'Website', value: partner.website }] : [])],
    details: { facts: [], paragraphs: [{ label: 'What you work on together', value: partner.focus }] },
    actions,
    problems: view.form?.problems,
  });
}

/** To the district's DEAs and coaches: a change in an external service (seed 000 §56). */
export function serviceChangeCard(notice: ServiceChange, sender: StaffMember | null): AdaptiveCard {
  return card([
    heading(`Service change: ${notice.partnerName}`),
    text(notice.change, { weight: 'Bolder' }),
    text(`What it means for claimants: ${notice.impact}`),
    text(`From ${sender?.name ?? 'a DEA'}, DEA in ${notice.district}.`, { isSubtle: true, size: 'Small' }),
  ]);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// The partnership menu and strategies

const MENU_TEXT: Readonly<Record<PartnershipsPart, string>> = {
  dea: 'Share an employment or provision opportunity with all your work coaches, keep your external partners, or lead a strategy with your team leader.',
  team_leader: 'See the strategies you own, and agree to joint local strategies your DEA proposes.',
  work_psychologist: 'See the strategies you create with your DEA to support their work coaches and claimants: add actions and keep them up to date.',
};

/** `partnerships`: the DEA's partnership work in one place; a team leader sees the strategies they own, a work psychologist those they take part in. */
export function partnershipMenuCard(person: { part: PartnershipsPart; name: string }): AdaptiveCard {
  const actions: Element[] = [];
  if (person.part === 'dea') actions.push({ type: 'Action.Execute', title: 'Share an opportunity', verb: 'opportunity.form', data: {} }, { type: 'Action.Execute', title: 'External partners', verb: 'partner.list', data: {} });
  actions.push({ type: 'Action.Execute', title: 'Strategies', verb: 'strategy.list', data: {} });
  return card([heading('Your partnership work'), text(MENU_TEXT[person.part])], actions);
}

const STRATEGY_STATUS_LABELS: Readonly<Record<Strategy['status'], string>> = {
  awaiting_agreement: 'Waiting for the team leader to agree',
  active: 'Going ahead',
  not_agreed: 'Not agreed',
  closed: 'Closed',
};

export interface StrategiesView {
  readonly strategies: readonly Strategy[];
  /** Only for a DEA: what they may choose from for a new strategy. */
  readonly choices: StrategyChoices | null;
  /** What to say when there are none, if not "You have no strategies yet." */
  readonly empty?: string;
  readonly note?: GlanceNote;
  readonly form?: FormState;
}

/** The strategies a person leads, owns or takes part in; a DEA can start a new one. */
export function strategiesCard(view: StrategiesView): AdaptiveCard {
  const body: Element[] = [heading('Your strategies'), ...noteBlock(view.note)];
  body.push(text(view.strategies.length ? 'Open one to see its actions, partners and the gaps it addresses.' : (view.empty ?? 'You have no strategies yet.')));
  view.strategies.forEach((s, i) =>
    body.push({
      type: 'Container',
      separator: i > 0,
      items: [
        text(s.title, { weight: 'Bolder' }),
        text(`${STRATEGY_KIND_LABELS[s.kind]} · ${STRATEGY_STATUS_LABELS[s.status]}`, { isSubtle: true, spacing: 'None', size: 'Small' }),
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Open', verb: 'strategy.open', data: { strategyId: s.id } }] },
      ],
    }),
  );
  const actions: Element[] = [];
  if (view.choices) {
    const fields: FormField[] = [
      { id: 'kind', kind: 'choice', label: 'Kind of strategy', required: true, errorMessage: 'Choose the kind of strategy.', choices: STRATEGY_KINDS.map((k) => ({ title: STRATEGY_KIND_LABELS[k], value: k })) },
      { id: 'title', kind: 'text', label: 'Title', required: true, errorMessage: 'Enter a title.', maxLength: 120 },
      { id: 'why', kind: 'multiline', label: 'Why it is needed', hint: 'As much detail as helps partners understand and buy in: it goes in the invitations, outside DWP too, so about provision and gaps, never a claimant (no names, National Insurance numbers or health details).', required: true, errorMessage: 'Enter why it is needed.', maxLength: 2000 },
      ...(view.choices.conferences.length ? [{ id: 'gapConferenceIds', kind: 'multichoice' as const, label: 'Gaps found at these group conferences', required: false, errorMessage: '', choices: view.choices.conferences.map((c) => ({ title: c.label, value: c.id })) }] : []),
      { id: 'gapNote', kind: 'multiline', label: 'The gaps it addresses', required: false, errorMessage: 'Say what gaps it addresses.', maxLength: 1000 },
      { id: 'areas', kind: 'multichoice', label: 'Areas (for a strategy with the work psychologist)', required: false, errorMessage: '', choices: STRATEGY_AREAS.map((a) => ({ title: STRATEGY_AREA_LABELS[a], value: a })) },
      { id: 'internalPartners', kind: 'multichoice', label: 'Internal partners', hint: 'Employer Engagement is added to every employment strategy, and Third Party Provision to every provision strategy: you need not choose them.', required: false, errorMessage: '', choices: INTERNAL_PARTNERS.map((p) => ({ title: INTERNAL_PARTNER_LABELS[p], value: p })) },
      ...(view.choices.partners.length ? [{ id: 'partnerIds', kind: 'multichoice' as const, label: 'External partners', required: false, errorMessage: '', choices: view.choices.partners.map((p) => ({ title: p.name, value: p.id })) }] : []),
    ];
    actions.push(showCardAction({ title: 'New strategy', verb: 'strategy.propose', submitTitle: 'Start the strategy', intro: 'You lead it; your team leader owns it, and must agree before a joint local strategy goes ahead.', data: {}, fields, values: view.form?.values, problems: view.form?.problems }));
  }
  return card(body, actions);
}

export interface StrategyCardView {
  readonly view: StrategyView;
  readonly lead: StaffMember | null;
  readonly owner: StaffMember | null;
  /** In a strategy with the work psychologist: the lead DEA's work psychologist, who takes part. */
  readonly workPsychologist?: StaffMember | null;
  readonly allowed: ReadonlySet<StrategyVerb>;
  readonly viewerId: string;
  readonly note?: GlanceNote;
  readonly form?: FormState;
  /** The strategy's meetings, in time order, and the time now (which are past, to take notes). */
  readonly meetings?: readonly StrategyMeeting[];
  readonly now?: Date;
  /** A refused series form, with what was typed. */
  readonly meetingForm?: FormState;
  /** A refused notes form of one meeting, with what was typed. */
  readonly notesForm?: { readonly meetingId: string; readonly form: FormState };
}

/** The meetings part of a strategy's card: the next ones, and the past ones with their notes (or a form for them). */
function meetingBlocks(data: StrategyCardView): Element[] {
  const meetings = data.meetings ?? [];
  const now = (data.now ?? new Date()).getTime();
  const mayWrite = data.allowed.has('record_notes');
  const upcoming = meetings.filter((m) => m.start.getTime() > now).slice(0, 3);
  const past = meetings.filter((m) => m.start.getTime() <= now).slice(-3).reverse();
  const status = { pending: 'being added to the diaries', booked: 'in the diaries', failed: 'not yet in the diaries: trying again', cancelled: 'cancelled: the strategy is closed' } as const;
  const out: Element[] = [text(meetings.length ? 'Meetings' : 'No meetings booked yet.', { weight: 'Bolder', separator: true })];
  // Once the strategy is closed, its meetings to come are being taken out of the diaries, after the click.
  const closing = data.view.strategy.status === 'closed';
  for (const m of upcoming) out.push(text(`${describeMeeting(m.start, m.end)}: ${m.mode === 'teams' ? 'Microsoft Teams' : 'face to face'}, ${closing && m.status !== 'cancelled' ? 'being taken out of the diaries' : status[m.status]}`, { spacing: 'Small' }));
  for (const m of past) {
    const refused = data.notesForm?.meetingId === m.id ? data.notesForm.form : undefined;
    out.push({
      type: 'Container',
      spacing: 'Small',
      items: [
        text(`${describeMeeting(m.start, m.end)}: ${m.notes ? 'notes recorded' : 'no notes yet'}`, { weight: m.notes ? 'Default' : 'Bolder' }),
        ...(m.notes ? [text(m.notes, { isSubtle: true, spacing: 'None', maxLines: 4 })] : []),
        ...(mayWrite && !m.notes
          ? [{ type: 'ActionSet', actions: [showCardAction({ title: 'Record the notes', verb: 'strategy.meeting-notes', submitTitle: 'Record them', data: { strategyId: m.strategyId, meetingId: m.id, version: m.version }, values: refused?.values, problems: refused?.problems, fields: [{ id: 'notes', kind: 'multiline', label: 'Notes and the actions agreed', required: true, errorMessage: 'Enter the notes and the actions agreed.', maxLength: MEETING_NOTES_LIMIT }] })] }]
          : []),
      ],
    });
  }
  return out;
}

function seriesForm(data: StrategyCardView): Element {
  const { strategy } = data.view;
  return showCardAction({
    title: 'Book meetings',
    verb: 'strategy.meetings',
    submitTitle: 'Book them',
    intro: 'In your diary as a series, with the team leader who owns the strategy and its internal partners invited by role, and anyone you add by email. The invitations say why the strategy is needed.',
    data: { strategyId: strategy.id, version: strategy.version },
    values: { time: '10:00', durationMinutes: '60', cadence: strategy.kind === 'employment' ? 'monthly' : strategy.kind === 'joint_local' ? 'once' : 'monthly', count: '6', mode: 'face_to_face', ...data.meetingForm?.values },
    problems: data.meetingForm?.problems,
    fields: [
      { id: 'firstDate', kind: 'date', label: 'First meeting', required: true, errorMessage: 'Enter the date of the first meeting.' },
      { id: 'time', kind: 'text', label: 'Start time', required: true, errorMessage: 'Enter a start time like 10:00.', maxLength: 5 },
      { id: 'durationMinutes', kind: 'choice', label: 'How long', required: true, errorMessage: 'Choose how long.', choices: [30, 60, 90, 120].map((n) => ({ title: `${n} minutes`, value: String(n) })) },
      { id: 'cadence', kind: 'choice', label: 'How often', required: true, errorMessage: 'Choose how often.', choices: CADENCES.map((c) => ({ title: CADENCE_LABELS[c], value: c })) },
      { id: 'count', kind: 'text', label: 'How many meetings', hint: `From 1 to ${MAX_OCCURRENCES}.`, required: true, errorMessage: 'Enter how many meetings.', maxLength: 2 },
      { id: 'mode', kind: 'choice', label: 'Where', required: true, errorMessage: 'Choose where.', choices: [{ title: 'Face to face (recommended)', value: 'face_to_face' }, { title: 'Microsoft Teams', value: 'teams' }] },
      { id: 'externalEmails', kind: 'text', label: 'External partners to invite (optional)', hint: 'Email addresses, separated by commas.', required: false, errorMessage: '', maxLength: 2200 },
    ],
  });
}

/** What the reader of a strategy's card is to do now, or what it waits for. */
function strategyYourAction(data: StrategyCardView): string {
  const { strategy, actions } = data.view;
  const lead = data.lead?.name ?? 'the DEA';
  if (data.allowed.has('agree')) return `Your action: ${data.lead?.name ?? 'Your DEA'} asks you to agree to this joint local strategy. It cannot go ahead until you do.`;
  if (strategy.status === 'awaiting_agreement') return `Nothing for you to do now: waiting for ${data.owner?.name ?? 'the team leader'} to agree before it goes ahead.`;
  if (strategy.status === 'closed') return 'Nothing for you to do now: this strategy is closed.';
  if (strategy.status === 'not_agreed') return `Nothing for you to do now: ${data.owner?.name ?? 'the team leader'} did not agree, so it does not go ahead.`;
  // The DEA leads the work; the owning team leader may add to it, but is not asked to.
  if (data.allowed.has('add_action') && data.viewerId === strategy.leadId) {
    const now = (data.now ?? new Date()).getTime();
    const unnoted = (data.meetings ?? []).filter((m) => m.start.getTime() <= now && !m.notes).pop();
    if (unnoted) return `Your action: record the notes of the meeting on ${describeMeeting(unnoted.start, unnoted.end)}.`;
    if ((data.meetings ?? []).length === 0) return 'Your action: book the meetings with its partners.';
    if (actions.length === 0) return 'Your action: add the actions agreed.';
    return 'Your action: keep its actions up to date, and close it when it is done.';
  }
  // The work psychologist creates it with the DEA (seed 000 §45): the actions are theirs to add and keep up to date too.
  if (data.allowed.has('add_action') && data.viewerId === strategy.workPsychologistId) {
    return actions.length ? `Your action: keep its actions up to date with ${lead}.` : `Your action: add the actions you and ${lead} agree.`;
  }
  const too = data.allowed.has('book_meetings') ? ' You may add actions and book meetings too.' : data.allowed.has('add_action') ? ' You may add actions too.' : '';
  return `Nothing for you to do now: waiting for ${lead} to take it forward.${too}`;
}

/** Actions still to do a strategy's card shows, each with its button. */
const ACTIONS_SHOWN = 10;

/** One strategy at a glance: what it is and what to do, its meetings and actions; why, partners and gaps behind Show details. */
export function strategyCard(data: StrategyCardView): AdaptiveCard {
  const { strategy, actions, partners, gaps } = data.view;
  const partnerNames = [...internalPartnersOf(strategy).map((p) => INTERNAL_PARTNER_LABELS[p]), ...partners.map((p) => p.name)];
  const now = (data.now ?? new Date()).getTime();
  const next = strategy.status === 'closed' ? undefined : (data.meetings ?? []).find((m) => m.start.getTime() > now && m.status !== 'cancelled');
  const blocks: Element[] = [...meetingBlocks(data)];
  blocks.push(text(actions.length ? 'Actions' : 'No actions yet.', { weight: 'Bolder', separator: true }));
  const mayUpdate = data.allowed.has('update_action');
  // What is still to do, each with its button, then what is done in a line: a long-running strategy's card stays small.
  const toDo = actions.filter((a) => a.status !== 'done');
  const done = actions.filter((a) => a.status === 'done');
  for (const action of toDo.slice(0, ACTIONS_SHOWN)) {
    const nextStatus = action.status === 'open' ? 'in_progress' : action.status === 'in_progress' ? 'done' : null;
    blocks.push({
      type: 'Container',
      items: [
        text(`${action.text}`),
        text(`${action.owner} · ${ACTION_STATUS_LABELS[action.status]}`, { isSubtle: true, spacing: 'None', size: 'Small' }),
        ...(mayUpdate && nextStatus ? [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: nextStatus === 'done' ? 'Mark done' : 'Mark started', verb: 'strategy.action-status', data: { strategyId: strategy.id, actionId: action.id, status: nextStatus } }] }] : []),
      ],
    });
  }
  if (toDo.length > ACTIONS_SHOWN) blocks.push(text(`And ${toDo.length - ACTIONS_SHOWN} more to do: they show here as these are done.`, { isSubtle: true }));
  if (done.length) blocks.push(text(`${done.length} done, the latest: ${done[done.length - 1]!.text}`, { isSubtle: true, maxLines: 2 }));
  const buttons: Element[] = [];
  const secondary: Element[] = [];
  const data0 = { strategyId: strategy.id, version: strategy.version };
  if (data.allowed.has('agree')) buttons.push({ type: 'Action.Execute', title: 'Agree', verb: 'strategy.agree', data: data0, style: 'positive' });
  if (data.allowed.has('decline')) {
    secondary.push(confirmAction({ title: 'Do not agree', verb: 'strategy.decline', data: data0, consequence: `Tell ${data.lead?.name ?? 'the DEA'} you do not agree to this strategy going ahead? It will not go ahead.`, confirmTitle: 'Yes, do not agree' }));
  }
  if (data.allowed.has('add_action')) {
    buttons.push(
      showCardAction({
        title: 'Add an action',
        verb: 'strategy.add-action',
        submitTitle: 'Add',
        data: data0,
        fields: [
          { id: 'text', kind: 'multiline', label: 'What is to be done', required: true, errorMessage: 'Enter what is to be done.', maxLength: 400 },
          { id: 'owner', kind: 'text', label: 'Who does it', hint: 'A person or a team, for example Third Party Provision.', required: true, errorMessage: 'Enter who does it.', maxLength: 100 },
        ],
        values: data.form?.values,
        problems: data.form?.problems,
      }),
    );
  }
  if (data.allowed.has('book_meetings')) buttons.push(seriesForm(data));
  if (data.allowed.has('close')) {
    secondary.push(confirmAction({ title: 'Close the strategy', verb: 'strategy.close', data: data0, consequence: 'Close this strategy? Its actions can no longer change, no more meetings can be booked for it, and its meetings still to come are taken out of the diaries (everyone invited is sent the cancellation).', confirmTitle: 'Yes, close it' }));
  }
  return glanceCard({
    title: `Strategy: ${strategy.title}`,
    subtitle: `${STRATEGY_KIND_LABELS[strategy.kind]} · ${STRATEGY_STATUS_LABELS[strategy.status]}`,
    ...(data.note ? { note: data.note } : {}),
    yourAction: strategyYourAction(data),
    keyFacts: [
      { label: 'Led by', value: data.lead?.name ?? 'Not known' },
      { label: 'Owned by', value: data.owner?.name ?? 'Not known' },
      ...(strategy.kind === 'work_psychologist' ? [{ label: 'Work psychologist', value: data.workPsychologist?.name ?? 'None named in the staff directory' }] : []),
      ...(next ? [{ label: 'Next meeting', value: describeMeeting(next.start, next.end) }] : []),
    ],
    blocks,
    details: {
      facts: [
        { label: 'Partners', value: partnerNames.join(', ') || 'None named yet' },
        ...(strategy.areas.length ? [{ label: 'Areas', value: strategy.areas.map((a) => STRATEGY_AREA_LABELS[a]).join(', ') }] : []),
        ...(gaps.length ? [{ label: 'Gaps found at', value: gaps.map((g) => g.label).join('; ') }] : []),
      ],
      paragraphs: [{ label: 'Why it is needed', value: strategy.why }, ...(strategy.gapNote ? [{ label: 'The gaps it addresses', value: strategy.gapNote }] : [])],
    },
    actions: buttons,
    secondary,
    problems: data.form?.problems ?? data.meetingForm?.problems,
  });
}
