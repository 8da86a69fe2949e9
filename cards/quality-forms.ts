import { QAS_LABELS, QAS_NOTES_MAX, QAS_RESULT_LABELS, QAS_RESULTS, standardFor } from '../domain/quality/qas';
import { qualityStep, type QualityFacts } from '../domain/quality/quality-service';
import type { SupportRequest } from '../domain/requests/support-request';
import { showCardAction } from './form-card';

/** The viewer's part in the request's QAS check. */
export type QualityView = QualityFacts;

export function qualityFacts(view: QualityView | undefined): { label: string; value: string }[] {
  if (!view?.check) return [];
  const { check } = view;
  return [{ label: QAS_LABELS[check.standard].split(':')[0]!, value: check.result ? `${QAS_RESULT_LABELS[check.result]}${check.notes ? `: ${check.notes}` : ''}` : 'Marked for a check' }];
}

export function qualityActions(request: SupportRequest, view: QualityView | undefined, values?: Readonly<Record<string, string>>, problems?: Readonly<Record<string, string>>): Record<string, unknown>[] {
  // What the check needs now comes from the one rule the card's "Your action" line follows too.
  const step = qualityStep(request, view);
  const standard = standardFor(request.channel);
  if (!step || !standard) return [];
  const data = { requestId: request.id, version: request.version };
  if (step === 'mark') return [{ type: 'Action.Execute', title: `Mark for ${QAS_LABELS[standard].split(':')[0]} check`, verb: 'qas.mark', data }];
  return [
    showCardAction({
      title: 'Record the QAS result',
      verb: 'qas.record',
      submitTitle: 'Record result',
      intro: QAS_LABELS[standard],
      data,
      values,
      problems,
      fields: [
        { id: 'qasResult', kind: 'choice', label: 'Result', required: true, errorMessage: 'Choose the result.', choices: QAS_RESULTS.map((r) => ({ title: QAS_RESULT_LABELS[r], value: r })) },
        { id: 'qasNotes', kind: 'multiline', label: 'Notes and development points', required: false, errorMessage: 'Say what needs developing.', maxLength: QAS_NOTES_MAX },
      ],
    }),
  ];
}
