import { MessageFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { hubChangeCard, hubDecidedCard, hubResultsCard, opportunityCard, partnerCard, partnershipMenuCard, partnersCard, serviceChangeCard, shareOpportunityCard } from '../../cards/partnership-cards';
import type { FormState, GlanceNote } from '../../cards/glance-card';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import { isDomainError } from '../../domain/errors';
import { searchHub } from '../../domain/partnerships/hub';
import { allowedHubChange, allowedHubEntry, allowedPartner, deaRefusal, keepsPartnerships, partnershipsPart, partnershipsRefusal, type HubEntryAction } from '../../domain/partnerships/partnership-policy';
import type { Partner } from '../../domain/partnerships/partners';
import type { PartnershipService } from '../../domain/partnerships/partnership-service';
import type { PartnerStore, PartnershipDirectory, SolutionStore } from '../../domain/partnerships/ports';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import { describeDate, londonDate } from '../../domain/requests/calendar-date';
import type { StaffMember } from '../../domain/staff';
import { normaliseCommand } from '../core/commands';
import { cardResponse } from '../core/invoke-response';
import { refusedScreen } from '../core/refused-screen';

export interface PartnershipActionDeps {
  readonly service: PartnershipService;
  readonly solutions: SolutionStore;
  readonly partners: PartnerStore;
  readonly districts: PartnershipDirectory;
  readonly directory: StaffDirectory;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What a refused form comes back with: the problems beside their fields, and what was typed. */
/** The partnership forms' inputs in a person's own words: given back when a refusal's form is gone. */
const PARTNERSHIP_TEXT = ['title', 'summary', 'name', 'focus', 'reason', 'change', 'impact', 'contact', 'website'];

type Redraw = (person: StaffMember, form: FormState, note: GlanceNote) => Promise<AdaptiveCard>;

/**
 * The Hub, opportunities and partners in Teams. Each click is answered with the card as it now is;
 * a refusal comes back on the same card with what was typed kept.
 */
export class PartnershipActions {
  constructor(private readonly deps: PartnershipActionDeps) {}

  /** `hub` and some words: the district's Hub; for a DEA, also what they may change on it. */
  async hubCommand(turn: TurnContext, person: StaffMember): Promise<void> {
    // Typed, or sent by a "More from the Hub" button (its command in the message's value).
    const sent = (turn.activity.value as { command?: unknown } | undefined)?.command;
    const words = normaliseCommand(turn.activity.text || (typeof sent === 'string' ? sent : '')).replace(/^hub\b/, '').trim().slice(0, 200);
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(await this.hubCard(person, words))));
  }

  /** `partnerships`: the DEA's partnership work in one place (a team leader: the strategies they own; a work psychologist: those they take part in). */
  async menuCommand(turn: TurnContext, person: StaffMember): Promise<void> {
    const part = partnershipsPart(person);
    if (!part) {
      await turn.sendActivity(partnershipsRefusal(person)!);
      return;
    }
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(partnershipMenuCard({ part, name: person.name }))));
  }

  shareForm(person: StaffMember): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, {}, async (_p, _form, note) => messageCard(note.text), async () => {
      const refusal = deaRefusal(person, 'share an opportunity with work coaches');
      if (refusal) throw refusal;
      return shareOpportunityCard((await this.deps.districts.cohortOf(person.id)).length);
    });
  }

  partnerList(person: StaffMember, find = ''): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, {}, async (_p, _form, note) => messageCard(note.text), () => this.partnersView(person, { find }));
  }

  async hubCard(person: StaffMember, words: string, extras: { note?: GlanceNote; form?: FormState; formFor?: string } = {}): Promise<AdaptiveCard> {
    if (!keepsPartnerships(person)) {
      const { district, entries } = await this.deps.service.search(person, words);
      return hubResultsCard({ words, district, entries, mayAdd: false, ...extras });
    }
    const { district, entries, pending } = await this.deps.service.hubFor(person);
    const shown = words ? searchHub(entries, words) : entries.slice(0, 10);
    const entryActions = new Map<string, ReadonlySet<HubEntryAction>>(shown.map((e) => [e.id, allowedHubEntry(person, district, e, pending.get(e.id) ?? null)]));
    return hubResultsCard({ words, district, entries: shown, mayAdd: true, entryActions, ...extras });
  }

  async partnersView(person: StaffMember, extras: { note?: GlanceNote; form?: FormState; openForm?: 'notice' | 'add'; find?: string } = {}): Promise<AdaptiveCard> {
    const { find, ...rest } = extras;
    const found = await this.deps.service.partnersFor(person, find ?? '');
    return partnersCard({ ...found, today: londonDate(this.deps.clock.now()), ...rest });
  }

  /** One partner as this DEA sees it now: the update form only if the policy allows it, which the click is checked against too. */
  async partnerView(person: StaffMember, partnerId: string, extras: { note?: GlanceNote; form?: FormState } = {}): Promise<AdaptiveCard> {
    const { partner, district } = await this.deps.service.partner(person, partnerId);
    return partnerCard({ partner, allowed: allowedPartner(person, district, partner), today: londonDate(this.deps.clock.now()), ...extras });
  }

  /** A change to the Hub, as the person it is for sees it now. */
  async changeCard(changeId: string, viewer: StaffMember, extras: { note?: GlanceNote; form?: FormState } = {}): Promise<AdaptiveCard | null> {
    const view = await this.deps.service.change(changeId);
    if (!view) return null;
    const requester = await this.deps.directory.findById(view.change.requestedById);
    return hubChangeCard({ ...view, requester, allowed: allowedHubChange(viewer.id, view.change), ...extras });
  }

  // Handlers, one per verb.

  propose(person: StaffMember, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, typed, this.hubRedraw, async () => {
      const change = await this.deps.service.proposeEntry(person, data);
      return this.hubCard(person, '', { note: { text: await this.sentNote(change.contactId), tone: 'good' } });
    });
  }

  changeEntry(person: StaffMember, entryId: string, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, typed, (p, form, note) => this.hubCard(p, '', { form, note, formFor: entryId }), async () => {
      const change = await this.deps.service.proposeChange(person, entryId, data);
      return this.hubCard(person, '', { note: { text: await this.sentNote(change.contactId), tone: 'good' } });
    });
  }

  removeEntry(person: StaffMember, entryId: string): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, {}, this.hubRedraw, async () => {
      const change = await this.deps.service.proposeRemoval(person, entryId);
      return this.hubCard(person, '', { note: { text: `${await this.sentNote(change.contactId)} It stays on the Hub until then.`, tone: 'good' } });
    });
  }

  publish(person: StaffMember, changeId: string, version: number): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, {}, this.changeRedraw(changeId), async () => {
      await this.deps.service.publish(person, changeId, version);
      return (await this.changeCard(changeId, person, { note: { text: 'Thank you. The DEA has been told.', tone: 'good' } }))!;
    });
  }

  decline(person: StaffMember, changeId: string, version: number, reason: string | undefined, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, typed, this.changeRedraw(changeId), async () => {
      await this.deps.service.decline(person, changeId, version, reason);
      return (await this.changeCard(changeId, person, { note: { text: 'The DEA has been told why.', tone: 'good' } }))!;
    });
  }

  share(person: StaffMember, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    const redraw: Redraw = async (p, form, note) => shareOpportunityCard((await this.deps.districts.cohortOf(p.id)).length, form, note);
    return this.answer(person, typed, redraw, async () => {
      const { solution, hubChange } = await this.deps.service.shareSolution(person, data);
      const hub = hubChange ? ` It was also sent to ${await this.nameOf(hubChange.contactId)} to go on the Hub.` : '';
      const what = solution.status === 'available' ? `“${solution.title}”` : 'The news that there is no immediate solution yet';
      return messageCard(`${what} was sent to your ${solution.sentTo === 1 ? 'work coach' : `${solution.sentTo} work coaches`}, with the reminder about conditionality.${hub}`);
    });
  }

  addPartner(person: StaffMember, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, typed, (p, form, note) => this.partnersView(p, { form, note, openForm: 'add' }), async () => {
      const partner = await this.deps.service.addPartner(person, data, londonDate(this.deps.clock.now()));
      return this.partnersView(person, { note: { text: `${partner.name} was added.`, tone: 'good' } });
    });
  }

  notice(person: StaffMember, partnerId: string | undefined, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, typed, (p, form, note) => this.partnersView(p, { form, note, openForm: 'notice' }), async () => {
      const { notice, recipients } = await this.deps.service.tellDistrict(person, partnerId, data);
      return this.partnersView(person, { note: { text: `The change at ${notice.partnerName} was sent to ${recipients} ${recipients === 1 ? 'person' : 'people'} in ${notice.district}.`, tone: 'good' } });
    });
  }

  openPartner(person: StaffMember, partnerId: string): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, {}, async (_p, _form, note) => messageCard(note.text), () => this.partnerView(person, partnerId));
  }

  updatePartner(person: StaffMember, partnerId: string, version: number, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, typed, (p, form, note) => this.partnerView(p, partnerId, { form, note }), async () => {
      const { before, partner } = await this.deps.service.updatePartner(person, partnerId, version, data, londonDate(this.deps.clock.now()));
      return this.partnerView(person, partner.id, { note: { text: updatedNote(before, partner), tone: 'good' } });
    });
  }

  /** Cards the outbox delivers, rendered from stored state at delivery. */
  readonly outboxCards = {
    hubChange: (changeId: string, recipient: StaffMember) => this.changeCard(changeId, recipient),
    hubDecided: async (changeId: string) => {
      const view = await this.deps.service.change(changeId);
      return view ? hubDecidedCard(view.change) : null;
    },
    opportunity: async (solutionId: string) => {
      const solution = await this.deps.solutions.find(solutionId);
      return solution ? opportunityCard(solution, await this.deps.directory.findById(solution.deaId)) : null;
    },
    serviceChange: async (noticeId: string) => {
      const notice = await this.deps.partners.findServiceChange(noticeId);
      return notice ? serviceChangeCard(notice, await this.deps.directory.findById(notice.sentById)) : null;
    },
  };

  private readonly hubRedraw: Redraw = (person, form, note) => this.hubCard(person, '', { form, note });

  private changeRedraw(changeId: string): Redraw {
    return async (person, form, note) => (await this.changeCard(changeId, person, { form, note })) ?? messageCard(note.text);
  }

  private async sentNote(contactId: string): Promise<string> {
    return `Sent to ${await this.nameOf(contactId)} to publish. Coaches will find it once it is published.`;
  }

  private async nameOf(id: string): Promise<string> {
    return (await this.deps.directory.findById(id))?.name ?? 'the single point of contact';
  }

  /** Runs a click; a refusal shows nothing of anyone else's work, and a form keeps what was typed. */
  private async answer(person: StaffMember, typed: Record<string, string>, redraw: Redraw, work: () => Promise<AdaptiveCard>): Promise<AdaptiveCardInvokeResponse> {
    try {
      return cardResponse(await work());
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.deps.logger.info({ actorId: person.id, kind: error.kind }, 'partnership action refused');
      // A partner chosen on the notice form is typed, and given back; the other ids came with the button.
      const { entryId: _entry, changeId: _change, version: _version, ...values } = typed;
      return cardResponse(await refusedScreen(error, values, PARTNERSHIP_TEXT, (note, form) => redraw(person, form, note)));
    }
  }
}

/** What an update changed, said in the card's note: "Crawley Mind: your meeting on Monday 2 November 2026 is recorded." */
function updatedNote(before: Partner, after: Partner): string {
  const said: string[] = [];
  if (after.lastMetOn && after.lastMetOn !== before.lastMetOn) said.push(`your meeting on ${describeDate(after.lastMetOn)} is recorded`);
  else if (!after.lastMetOn && before.lastMetOn) said.push('the date you last met is taken off');
  if (after.contact !== before.contact || after.website !== before.website) said.push('their contact details are changed');
  return said.length ? `${after.name}: ${said.join(', and ')}.` : `${after.name}: nothing was different, so nothing changed.`;
}
