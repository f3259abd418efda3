// OWASP CSV/formula injection: a cell that starts with = + - @ (or TAB/CR) runs as a formula once
// someone edits it in Excel/WPS. Every export escapes text with a leading apostrophe.

export function escapeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** A row for `worksheet.addRow` with every text cell escaped; numbers and dates pass unchanged. */
export function safeRow(values: readonly unknown[]): unknown[] {
  return values.map((v) => (typeof v === 'string' ? escapeFormula(v) : v));
}
