import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { keptInput } from '../../dialogs/kept-input';
import { overrideCard } from '../../cards/override-card';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { isDomainError } from '../../domain/errors';
import type { InterventionService } from '../../domain/interventions/intervention-service';
import type { Logger, StaffDirectory } from '../../domain/ports';
import type { SupportRequestStore } from '../../domain/requests/ports';
import { participantsOf, relationshipTo } from '../../domain/requests/participants';
import type { StaffMember } from '../../domain/staff';
import { cardResponse } from '../core/invoke-response';
import type { AccessSink } from '../privacy/access-audit';

/** The DEA's team leader agrees or declines a further claimant support intervention on their card. */
export class OverrideActions {
  constructor(
    private readonly interventions: InterventionService,
    private readonly requests: SupportRequestStore,
    private readonly directory: StaffDirectory,
    private readonly logger: Logger,
    /** The card shows the coach's reasons, about the claimant: each showing is noted for the access log. */
    private readonly access: AccessSink,
  ) {}

  async decide(person: StaffMember, verb: string, overrideId: string, decision: 'agreed' | 'declined', note: string | undefined): Promise<AdaptiveCardInvokeResponse> {
    try {
      await this.interventions.decideOverride(person, overrideId, decision, note);
      this.logger.info({ verb, overrideId, actorId: person.id }, 'card action');
      return cardResponse((await this.render(overrideId, person, { note: decision === 'agreed' ? 'Agreed. The DEA has been told and can book it.' : 'Declined. The request is closed, and the DEA and the work coach have been told why.' })) ?? messageCard('That request for agreement no longer exists.'));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.logger.info({ verb, overrideId, actorId: person.id, kind: error.kind }, 'card action refused');
      // Someone it is not for sees the refusal only, never the case or its reasons.
      if (error.kind === 'not_allowed' || error.kind === 'not_found') return cardResponse(messageCard(`${error.message} Nothing was changed.`));
      const card = await this.render(overrideId, person, { note: `${error.message} Nothing was changed.`, noteTone: 'attention', problems: { ...error.problems }, values: note ? { overrideNote: keptInput(note) } : {} });
      return cardResponse(card ?? messageCard(`${error.message} Nothing was changed.`));
    }
  }

  /** The card as the team leader (`viewer`) should see it now, or null when it does not exist. */
  async render(overrideId: string, viewer: StaffMember, options: Parameters<typeof overrideCard>[3] = {}): Promise<AdaptiveCard | null> {
    const override = await this.interventions.findOverride(overrideId);
    const request = override ? await this.requests.findById(override.requestId) : null;
    const dea = request ? await this.directory.findById(request.deaId) : null;
    if (!override || !request || !dea) return null;
    this.access.saw(viewer, 'request', request.id, relationshipTo(await participantsOf(this.directory, request), viewer), 'card');
    return overrideCard(override, request, dea, options);
  }
}
