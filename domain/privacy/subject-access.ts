/** Everything held about one claimant, as a document a person can read (and the same as data). */
export interface SubjectAccessDocument {
  readonly receivedAt: Date;
  /** London dates (YYYY-MM-DD). */
  readonly due: string;
  readonly hcpDue: string;
  readonly references: readonly string[];
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

/** The document as plain text, section by section, for the file the data protection lead sends on. */
export function subjectAccessText(doc: SubjectAccessDocument): string {
  const lines = [
    'Information held about the claimant',
    `Cases: ${doc.references.length > 0 ? doc.references.join(', ') : 'none found'}`,
    `Request received: ${doc.receivedAt.toISOString()}`,
    `Due: ${doc.due} (Specialist Advice material: ${doc.hcpDue})`,
    '',
  ];
  for (const section of doc.sections) {
    lines.push(`${section.title}${section.hcpMaterial ? ' (Specialist Advice)' : ''}`, '-'.repeat(section.title.length));
    if (section.rows.length === 0) lines.push('Nothing held.');
    section.rows.forEach((row, i) => {
      if (section.rows.length > 1) lines.push(`${i + 1}.`);
      for (const { label, value } of row) lines.push(`  ${label}: ${value}`);
    });
    lines.push('');
  }
  return lines.join('\n');
}
