// Column names are matched case-insensitively, and spaces or hyphens count as "_" ("OS Name" is
// os_name), because spreadsheets are where these files get edited.
export function normaliseColumnName(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
