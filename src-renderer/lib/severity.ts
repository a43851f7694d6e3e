// Colour means state: the one mapping from severity to Mantine colour, used on every screen.
// Never used alone — every badge that carries a severity colour also carries an icon and a word.
export type Severity = 'critical' | 'warning' | 'info' | 'neutral';

export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: 'red',
  warning: 'orange',
  info: 'blue',
  neutral: 'gray',
};
