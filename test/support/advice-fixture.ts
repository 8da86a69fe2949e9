/** A coach's Specialist Advice request form as sent: an eligible claimant, face to face, booked. */
export const ADVICE_REQUEST = {
  surname: 'Zebedee',
  nino: 'AB123456C',
  benefit: 'UC',
  healthCondition: 'yes',
  wcaStatus: 'had',
  wcaSummary: 'Limited capability for work',
  background: 'Has not worked for two years',
  conditions: 'Chronic back pain and anxiety',
  adviceTypes: 'adjustments',
  channel: 'face_to_face',
  complex: '',
  when: 'booked',
  consent: 'true',
  gpConsent: 'yes',
};

/** The ids of the proposed times on a coach's card. */
export function slotsOf(card: Record<string, unknown>): string[] {
  const slot = (card.body as Record<string, unknown>[]).flatMap((b) => (b.items as Record<string, unknown>[] | undefined) ?? []).find((i) => i.id === 'slot') as { choices: { value: string }[] } | undefined;
  return slot?.choices.map((c) => c.value) ?? [];
}
