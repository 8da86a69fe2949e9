import { conflict, invalid, notAllowed, notFound } from '../errors';
import type { Clock } from '../ports';
import type { StaffMember } from '../staff';
import type { UnitOfWork } from '../unit-of-work';
import { isWebLink, parseHubContent, searchHub, type HubChange, type HubContent, type HubEntry } from './hub';
import { deaRefusal, hubChangeRefusal, hubEntryRefusal, partnerRefusal } from './partnership-policy';
import { parsePartner, parsePartnerUpdate, parseServiceChange, type Partner, type ServiceChange } from './partners';
import type { HubStore, PartnerStore, PartnershipDirectory, PartnershipNotifier, SolutionStore } from './ports';
import { hubKindOf, parseSolution, type Solution } from './solutions';

export interface PartnershipDeps {
  readonly hub: HubStore;
  readonly solutions: SolutionStore;
  readonly partners: PartnerStore;
  readonly directory: PartnershipDirectory;
  readonly notifier: PartnershipNotifier;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/** A Hub change as the single point of contact sees it, with the entry it is about. */
export interface HubChangeView {
  readonly change: HubChange;
  readonly entry: HubEntry;
}

/**
 * The DEA's work with partners and the local Disability Hub (seed 000 §49–62): Hub content goes to
 * the district provision tool's single point of contact to publish; opportunities go to the cohort
 * in one step; changes in external services go to the district.
 */
/** Partners a card shows at once; more are found by name. */
export const PARTNERS_SHOWN = 10;
const PARTNER_FIND_MAX = 100;
/** Said when another DEA updated the partner since the card was shown. */
const PARTNER_MOVED_ON = 'Someone else updated this partner’s details since you opened the form: check them, then send yours again.';

export class PartnershipService {
  constructor(private readonly deps: PartnershipDeps) {}

  /** `hub <words>`: the published entries of the person's district that match. */
  async search(person: StaffMember, words: string): Promise<{ district: string | null; entries: HubEntry[] }> {
    const district = await this.deps.directory.districtOf(person);
    if (!district) return { district: null, entries: [] };
    return { district, entries: searchHub(await this.deps.hub.entriesOf(district), words) };
  }

  /** The DEA's own view of their district's Hub: every entry not removed, and what waits to be published. */
  async hubFor(dea: StaffMember): Promise<{ district: string; entries: HubEntry[]; pending: ReadonlyMap<string, HubChange> }> {
    const refusal = deaRefusal(dea, 'keep the local Disability Hub');
    if (refusal) throw refusal;
    const district = await this.districtOrRefuse(dea);
    const entries = await this.deps.hub.entriesOf(district);
    return { district, entries, pending: await this.deps.hub.pendingChangesOf(entries.map((e) => e.id)) };
  }

  /** New content for the Hub: saved as waiting, and sent to the single point of contact to publish. */
  async proposeEntry(dea: StaffMember, input: Record<string, unknown>): Promise<HubChange> {
    const refusal = deaRefusal(dea, 'add to the local Disability Hub');
    if (refusal) throw refusal;
    const content = parseHubContent(input);
    const district = await this.districtOrRefuse(dea);
    return this.requestNew(dea, district, content);
  }

  /** Changed content for a published entry; it stays as it is until the change is published. */
  async proposeChange(dea: StaffMember, entryId: string, input: Record<string, unknown>): Promise<HubChange> {
    const { entry, district } = await this.entryFor(dea, entryId);
    const content = parseHubContent(input, entry.kind);
    return this.requestChange(dea, district, entry, 'change', content);
  }

  /** Asks for a published entry to come off the Hub. */
  async proposeRemoval(dea: StaffMember, entryId: string): Promise<HubChange> {
    const { entry, district } = await this.entryFor(dea, entryId);
    return this.requestChange(dea, district, entry, 'remove', { title: entry.title, summary: entry.summary, link: entry.link, kind: entry.kind });
  }

  async change(id: string): Promise<HubChangeView | null> {
    const change = await this.deps.hub.findChange(id);
    const entry = change ? await this.deps.hub.findEntry(change.entryId) : null;
    return change && entry ? { change, entry } : null;
  }

  /** The single point of contact has published it on the intranet: the entry shows as the change says. */
  async publish(contact: StaffMember, changeId: string, version: number): Promise<HubChangeView> {
    return this.decide(contact, changeId, version, 'published', null);
  }

  /** The single point of contact cannot publish it, and says why. */
  async decline(contact: StaffMember, changeId: string, version: number, reason: unknown): Promise<HubChangeView> {
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (!why) throw invalid('Say why, so the DEA can put it right.', { reason: 'Enter why it cannot be published.' });
    if (why.length > 400) throw invalid('Say why in fewer words.', { reason: 'The reason must be 400 characters or fewer.' });
    return this.decide(contact, changeId, version, 'declined', why);
  }

  /**
   * An opportunity (or the news that there is none yet) to every coach of the cohort in one step,
   * and for a group opportunity, a new Hub entry sent to be published (seed 000 §49, §52).
   */
  async shareSolution(dea: StaffMember, input: Record<string, unknown>): Promise<{ solution: Solution; hubChange: HubChange | null }> {
    const refusal = deaRefusal(dea, 'share an opportunity with your work coaches');
    if (refusal) throw refusal;
    const parsed = parseSolution(input, isWebLink);
    const coaches = await this.deps.directory.cohortOf(dea.id);
    if (!coaches.length) throw invalid('No work coaches have you as their DEA in the staff directory, so there is nobody to share it with.');
    const district = parsed.onHub ? await this.districtOrRefuse(dea) : null;
    const contact = district ? await this.contactOrRefuse(district) : null;
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      let hubChange: HubChange | null = null;
      if (district && contact) {
        hubChange = await this.createNew(dea, district, contact, { title: parsed.title, summary: parsed.summary, link: parsed.link, kind: hubKindOf(parsed.kind) }, now);
      }
      const solution = await this.deps.solutions.create(
        { deaId: dea.id, kind: parsed.kind, status: parsed.status, title: parsed.title, summary: parsed.summary, link: parsed.link, hubEntryId: hubChange?.entryId ?? null, sentTo: coaches.length },
        now,
      );
      await this.deps.notifier.solutionShared(solution, coaches.map((c) => c.id));
      return { solution, hubChange };
    });
  }

  /**
   * The district's partners a card shows: by name, at most PARTNERS_SHOWN, those whose name holds
   * `find` when given (a district keeps many; the card stays inside Teams' message size).
   */
  async partnersFor(dea: StaffMember, find = ''): Promise<{ district: string; partners: Partner[]; more: boolean; find: string }> {
    const refusal = deaRefusal(dea, 'keep the list of external partners');
    if (refusal) throw refusal;
    const district = await this.districtOrRefuse(dea);
    const words = find.trim().slice(0, PARTNER_FIND_MAX);
    return { district, ...(await this.deps.partners.listIn(district, words, PARTNERS_SHOWN)), find: words };
  }

  async addPartner(dea: StaffMember, input: Record<string, unknown>, today: string): Promise<Partner> {
    const refusal = deaRefusal(dea, 'add an external partner');
    if (refusal) throw refusal;
    const parsed = parsePartner(input, today);
    const district = await this.districtOrRefuse(dea);
    return this.deps.partners.create(district, dea.id, parsed, this.deps.clock.now());
  }

  /** One partner, for a DEA of its district; with the DEA's district, which what they may do with it is decided from. */
  async partner(dea: StaffMember, partnerId: string): Promise<{ partner: Partner; district: string | null }> {
    const partner = await this.deps.partners.find(partnerId);
    if (!partner) throw notFound('That partner is no longer on the list.');
    const district = await this.deps.directory.districtOf(dea);
    const refusal = partnerRefusal(dea, district, partner);
    if (refusal) throw refusal;
    return { partner, district };
  }

  /**
   * After contact with a partner (seed 000 §56): the meeting it led to, and how to reach them now.
   * Saved only over the details the DEA saw (`version`); the partner before and after, to say what changed.
   */
  async updatePartner(dea: StaffMember, partnerId: string, version: number, input: Record<string, unknown>, today: string): Promise<{ before: Partner; partner: Partner }> {
    const { partner: before } = await this.partner(dea, partnerId);
    if (before.version !== version) throw conflict(PARTNER_MOVED_ON);
    const changes = parsePartnerUpdate(input, today);
    return { before, partner: await this.deps.partners.update(before.id, version, changes, this.deps.clock.now()) };
  }

  /** A change in a partner's service that may affect claimants, to every DEA and coach of the district but the sender (seed 000 §56). */
  async tellDistrict(dea: StaffMember, partnerId: string | undefined, input: Record<string, unknown>): Promise<{ notice: ServiceChange; recipients: number }> {
    const refusal = deaRefusal(dea, 'tell the district about a change in a service');
    if (refusal) throw refusal;
    const district = await this.districtOrRefuse(dea);
    const partner = partnerId ? await this.deps.partners.find(partnerId) : null;
    if (!partner || partner.district !== district) throw invalid('Choose the partner whose service is changing.', { partnerId: 'Choose one of your district’s partners.' });
    const { change, impact } = parseServiceChange(input);
    const recipients = (await this.deps.directory.deasAndCoachesIn(district)).filter((p) => p.id !== dea.id);
    return this.deps.uow.run(async () => {
      const notice = await this.deps.partners.recordServiceChange({ partnerId: partner.id, partnerName: partner.name, district, sentById: dea.id, change, impact }, this.deps.clock.now());
      await this.deps.notifier.serviceChanged(notice, recipients.map((p) => p.id));
      return { notice, recipients: recipients.length };
    });
  }

  private async decide(contact: StaffMember, changeId: string, version: number, status: 'published' | 'declined', reason: string | null): Promise<HubChangeView> {
    const found = await this.change(changeId);
    if (!found) throw notFound('That change to the Hub no longer exists.');
    const refusal = hubChangeRefusal(contact.id, found.change);
    if (refusal) throw refusal;
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const change = await this.deps.hub.decideChange(changeId, version, status, reason, now);
      let entry = found.entry;
      if (status === 'published') {
        const { content } = change;
        if (change.action === 'remove') entry = await this.deps.hub.updateEntry(entry.id, { status: 'removed' }, now);
        else entry = await this.deps.hub.updateEntry(entry.id, { ...content, status: 'published' }, now);
      } else if (change.action === 'add') {
        // New content that was not published never reaches coaches.
        entry = await this.deps.hub.updateEntry(entry.id, { status: 'removed' }, now);
      }
      await this.deps.notifier.hubChangeDecided(change);
      return { change, entry };
    });
  }

  private async requestNew(dea: StaffMember, district: string, content: HubContent): Promise<HubChange> {
    const contact = await this.contactOrRefuse(district);
    return this.deps.uow.run(() => this.createNew(dea, district, contact, content, this.deps.clock.now()));
  }

  private async createNew(dea: StaffMember, district: string, contact: StaffMember, content: HubContent, at: Date): Promise<HubChange> {
    const entry = await this.deps.hub.createEntry({ district, ...content, status: 'awaiting_publication', keeperId: dea.id }, at);
    const change = await this.deps.hub.createChange({ entryId: entry.id, action: 'add', content, requestedById: dea.id, contactId: contact.id }, at);
    await this.deps.notifier.hubChangeRequested(change);
    return change;
  }

  private async requestChange(dea: StaffMember, district: string, entry: HubEntry, action: 'change' | 'remove', content: HubContent): Promise<HubChange> {
    const contact = await this.contactOrRefuse(district);
    return this.deps.uow.run(async () => {
      const change = await this.deps.hub.createChange({ entryId: entry.id, action, content, requestedById: dea.id, contactId: contact.id }, this.deps.clock.now());
      await this.deps.notifier.hubChangeRequested(change);
      return change;
    });
  }

  private async entryFor(dea: StaffMember, entryId: string): Promise<{ entry: HubEntry; district: string }> {
    const entry = await this.deps.hub.findEntry(entryId);
    if (!entry) throw notFound('That Hub entry no longer exists.');
    const district = await this.deps.directory.districtOf(dea);
    const refusal = hubEntryRefusal(dea, district, entry, await this.deps.hub.pendingChangeOf(entry.id));
    if (refusal) throw refusal;
    return { entry, district: district! };
  }

  private async districtOrRefuse(person: StaffMember): Promise<string> {
    const district = await this.deps.directory.districtOf(person);
    if (!district) throw notAllowed('The staff directory does not say which jobcentre you work in, so your district’s Hub cannot be found. Ask whoever keeps the directory.');
    return district;
  }

  private async contactOrRefuse(district: string): Promise<StaffMember> {
    const contact = await this.deps.directory.provisionContactFor(district);
    if (!contact) throw invalid(`Nobody is set up as the district provision tool’s single point of contact for ${district}, so Hub content cannot be sent to be published. Ask whoever keeps the staff directory to add them.`);
    return contact;
  }
}
