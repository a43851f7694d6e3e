// Picks the CSV delimiter from the header line. Excel saves "CSV" with ";" in locales that use a
// decimal comma, and with tabs as "Unicode text"; column names never contain any of them, so the
// header decides unambiguously (cells can't: ";" is also the multi-value separator inside cells).
import { open } from 'node:fs/promises';

const CANDIDATES = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CANDIDATES)[number];

export function detectCsvDelimiterFromHeader(headerLine: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export async function detectCsvDelimiter(path: string): Promise<CsvDelimiter> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    return detectCsvDelimiterFromHeader(firstLine);
  } finally {
    await handle.close();
  }
}
