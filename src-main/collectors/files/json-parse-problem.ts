// Turns a JSON.parse error into a problem text and the file line it points at. V8 reports
// "... at position N" (and, in newer versions, the line): N is relative to the parsed text.
export function jsonParseProblem(cause: unknown, text: string, firstLine: number): { problem: string; line: number } {
  const message = cause instanceof Error ? cause.message : String(cause);
  const position = /position (\d+)/.exec(message);
  let line = firstLine;
  if (position?.[1] !== undefined) {
    const end = Math.min(Number(position[1]), text.length);
    for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 0x0a) line++;
  }
  return { problem: `not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`, line };
}
