import type { InterventionAction } from '../domain/interventions/intervention-policy';
import { availabilityChoices, INTERVENTION_STATEMENTS, LETTER_FORMAT_LABELS, LETTER_FORMATS, THREE_WAY_STATEMENTS, type Conditionality, type InterventionRequesterKind } from '../domain/interventions/consent';
import type { InterventionState } from '../domain/interventions/intervention-service';
import { INTERVENTIONS_PER_CLAIMANT, OVERRIDE_REASON_MAX } from '../domain/interventions/intervention-limit';
import type { SupportRequest } from '../domain/requests/support-request';
import { showCardAction, type FormField } from './form-card';

/** What the request card needs to show an intervention's consent and agreement. */
export interface InterventionView {
  readonly state: InterventionState;
  /** Voluntary or mandatory as the claimant's benefits suggest; the coach confirms. */
  readonly suggested: Conditionality;
  /** Who asked: the requester's pre-conditions, and how the form introduces them, depend on it. */
  readonly requesterKind: InterventionRequesterKind;
  /** The pre-conditions the requester confirms (`requiredInterventionStatements` of their kind). */
  readonly requiredStatements: readonly (keyof typeof INTERVENTION_STATEMENTS)[];
  readonly deaTeamLeaderName: string | null;
}

const LETTER_FIELD: FormField = {
  id: 'letterFormat',
  kind: 'choice',
  label: 'Letters to the claimant',
  required: true,
  errorMessage: 'Choose how letters must be produced.',
  choices: LETTER_FORMATS.map((f) => ({ title: LETTER_FORMAT_LABELS[f], value: f })),
};

export function interventionFacts(request: SupportRequest, view: InterventionView | undefined): { label: string; value: string }[] {
  if (!view) return [];
  const { consent, override, priorInterventions } = view.state;
  const facts: { label: string; value: string }[] = [];
  if (consent && request.channel === 'three_way_intervention') {
    facts.push({ label: 'Consent', value: `${consent.answer === 'agreed' ? 'Agreed' : 'Did not agree'} (${consent.conditionality})` });
  }
  if (consent && request.channel === 'claimant_support_intervention') facts.push({ label: 'Pre-conditions', value: 'Confirmed by the requester' });
  if (consent && consent.letterFormat !== 'standard') facts.push({ label: 'Letters', value: LETTER_FORMAT_LABELS[consent.letterFormat] });
  if (request.channel === 'claimant_support_intervention') {
    facts.push({ label: 'Earlier interventions', value: `${priorInterventions} (up to ${INTERVENTIONS_PER_CLAIMANT} without the team leader's agreement)` });
    if (override) {
      const decided = override.decision === 'pending' ? 'waiting for an answer' : override.decision;
      facts.push({ label: 'Team leader agreement', value: `${decided}${override.note ? `: ${override.note}` : ''}` });
    }
  }
  return facts;
}

/** The requester's consent form for a three way, or the pre-conditions of a claimant support intervention. */
export function consentForms(request: SupportRequest, view: InterventionView, allowed: ReadonlySet<InterventionAction>, values?: Readonly<Record<string, string>>, problems?: Readonly<Record<string, string>>): Record<string, unknown>[] {
  const data = { requestId: request.id, version: request.version };
  if (allowed.has('threeWayConsent')) {
    return [
      showCardAction({
        title: "Record the claimant's consent",
        verb: 'consent.threeWay',
        submitTitle: 'Record consent',
        intro:
          "Before a three way intervention, explain the DEA's role and why the DEA's participation may help the claimant, then ask whether they agree. " +
          `The claimant's benefits suggest it is ${view.suggested}: confirm from their conditionality.`,
        data,
        values: { conditionality: view.suggested, letterFormat: 'standard', ...values },
        problems,
        fields: [
          { id: 'conditionality', kind: 'choice', label: 'The three way intervention is', required: true, errorMessage: 'Choose voluntary or mandatory.', choices: [{ title: 'Voluntary', value: 'voluntary' }, { title: 'Mandatory: normal conditionality applies', value: 'mandatory' }] },
          {
            id: 'explained',
            kind: 'multichoice',
            label: 'What you explained',
            required: true,
            errorMessage: "Confirm you explained the DEA's role and why they may help.",
            choices: Object.entries(THREE_WAY_STATEMENTS).map(([value, title]) => ({ title, value })),
          },
          { id: 'answer', kind: 'choice', label: "The claimant's answer", required: true, errorMessage: 'Choose whether the claimant agreed.', choices: [{ title: 'Agreed to a three way intervention', value: 'agreed' }, { title: 'Did not agree: request a case conference instead', value: 'refused' }] },
          { id: 'availability', kind: 'multichoice', label: 'When the claimant can come (if they agreed)', required: false, errorMessage: 'Choose at least one half day.', choices: availabilityChoices() },
          LETTER_FIELD,
        ],
      }),
    ];
  }
  if (allowed.has('preconditions')) {
    const statements = view.requiredStatements;
    return [
      showCardAction({
        title: 'Confirm the pre-conditions',
        verb: 'consent.intervention',
        submitTitle: 'Confirm',
        intro:
          view.requesterKind === 'employer_adviser'
            ? 'The DEA undertakes this retention activity as a DEA Support Intervention. Before they book it, confirm each of these.'
            : 'A DEA claimant support intervention needs each of these first. The claimant stays on the work coach caseload.',
        data,
        values: { letterFormat: 'standard', ...values },
        problems,
        fields: [
          {
            id: 'confirmed',
            kind: 'multichoice',
            label: 'I confirm',
            required: true,
            errorMessage: 'Confirm each pre-condition.',
            choices: statements.map((s) => ({ title: INTERVENTION_STATEMENTS[s], value: s })),
          },
          LETTER_FIELD,
        ],
      }),
    ];
  }
  return [];
}

/** The DEA asks their team leader for a further intervention (seed §36). */
export function overrideForms(request: SupportRequest, view: InterventionView, allowed: ReadonlySet<InterventionAction>, values?: Readonly<Record<string, string>>, problems?: Readonly<Record<string, string>>): Record<string, unknown>[] {
  const { state } = view;
  if (!allowed.has('askOverride')) return [];
  return [
    showCardAction({
      title: `Ask ${view.deaTeamLeaderName ?? 'your team leader'} to agree`,
      verb: 'intervention.askOverride',
      submitTitle: 'Ask for agreement',
      intro: state.blockedBy ?? '',
      data: { requestId: request.id, version: request.version },
      values,
      problems,
      fields: [{ id: 'overrideReason', kind: 'multiline', label: 'The exceptional circumstances', required: true, errorMessage: 'Enter the exceptional circumstances.', maxLength: OVERRIDE_REASON_MAX }],
    }),
  ];
}
