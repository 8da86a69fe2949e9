/** Everything held about one claimant, as a document a person can read (and the same as data). */
export interface SubjectAccessDocument {
  readonly receivedAt: Date;
  /** London dates (YYYY-MM-DD). */
  readonly due: string;
  readonly hcpDue: string;
  readonly references: readonly string[];
  /** How the search was made, and what it cannot find. */
  readonly searched: readonly string[];
  readonly sections: readonly SubjectAccessSection[];
}

export interface SubjectAccessSection {
  readonly title: string;
  /** Specialist Advice (HCP) material, due sooner. */
  readonly hcpMaterial: boolean;
  readonly rows: readonly (readonly { readonly label: string; readonly value: string }[])[];
}

/** "requiredBy" reads as "Required by". */
export function labelOf(column: string): string {
  const words = column.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
