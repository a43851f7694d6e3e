// Plain-text tables for the terminal: columns padded to their widest cell, long cells cut.
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], maxWidth = 40): string {
  const cells = rows.map((row) => row.map((c) => (c === null || c === undefined ? '' : String(c))).map((c) => (c.length > maxWidth ? `${c.slice(0, maxWidth - 1)}…` : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
