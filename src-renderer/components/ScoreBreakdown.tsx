// A match score and the evidence it is made of: each item with its weight (signed, so a penalty
// reads as one without colour) and the shared or conflicting value, then the total against the
// thresholds. The door behind every score shown in the app.
import { Table, Text } from '@mantine/core';
import type { ScoreEvidence } from '../../src-shared/api/reconciliation.js';
import { evidenceLabel, formatScore, formatWeight, MERGE_THRESHOLD, REVIEW_THRESHOLD } from '../lib/evidence.js';

function verdict(score: number): string {
  if (score >= MERGE_THRESHOLD) return `merges at ${MERGE_THRESHOLD} or more`;
  if (score >= REVIEW_THRESHOLD) return `between ${REVIEW_THRESHOLD} and ${MERGE_THRESHOLD}: a person decides`;
  return `below ${REVIEW_THRESHOLD}: not a match`;
}

export function ScoreBreakdown({ score, breakdown, forced = false }: { score: number; breakdown: readonly ScoreEvidence[]; forced?: boolean }) {
  return (
    <Table verticalSpacing={2} horizontalSpacing={6} fz="xs" data-testid="score-breakdown" data-score={score}>
      <Table.Tbody>
        {breakdown.map((item, index) => (
          <Table.Tr key={`${item.kind}-${index}`} data-testid="score-evidence" data-kind={item.kind}>
            <Table.Td w={56} ta="right" className="fw-mono" aria-label={item.weight < 0 ? 'against' : 'for'}>
              {formatWeight(item.weight)}
            </Table.Td>
            <Table.Td>{evidenceLabel(item.kind)}</Table.Td>
            <Table.Td className="fw-mono" style={{ overflowWrap: 'anywhere' }}>
              {item.detail}
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td ta="right" className="fw-mono" fw={700}>
            {formatScore(score)}
          </Table.Td>
          <Table.Td colSpan={2}>
            <Text size="xs" c="dimmed">
              {forced ? 'Score of the pair; merged because an operator said so' : `Score: ${verdict(score)}`}
            </Text>
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
