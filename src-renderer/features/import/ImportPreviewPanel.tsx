// What a checked import would do, before anything is written: new, updated, unchanged and rejected
// records, every problem with its line, record and field, the rejected records as a file, and the
// choice — import all (only when nothing is rejected), import the valid records and skip the
// rejected ones, or discard.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileImport, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportOnRejected, Run } from '../../../src-shared/api/runs.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatCount } from '../../lib/format.js';
import { useAppStoreApi } from '../../store/use-app-store.js';
import { saveTextFile } from '../../lib/save-file.js';

const COUNTS = [
  ['new', 'New'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['rejected', 'Rejected'],
] as const;

export function ImportPreviewPanel({ run }: { run: Run }) {
  const store = useAppStoreApi();
  const [busy, setBusy] = useState<'commit' | 'skip' | 'discard' | 'download' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = run.preview;
  if (!preview) return null;
  const valid = preview.records - preview.rejected;
  const changes = preview.new + preview.updated;

  async function act(kind: 'commit' | 'skip' | 'discard'): Promise<void> {
    setBusy(kind);
    setError(null);
    const state = store.getState();
    const onRejected: ImportOnRejected = kind === 'skip' ? 'skip' : 'fail';
    setError(kind === 'discard' ? await state.discardImport(run.id) : await state.commitImport(run.id, onRejected));
    setBusy(null);
  }

  async function download(): Promise<void> {
    setBusy('download');
    const file = await store.getState().rejectedRecords(run.id);
    setBusy(null);
    if ('error' in file) setError(file.error);
    else saveTextFile(file.fileName, file.mediaType, file.content);
  }

  return (
    <Paper withBorder p="sm" data-testid="import-preview">
      <Stack gap="sm">
        <Text size="sm" fw={500}>
          {formatCount(preview.records)} record{preview.records === 1 ? '' : 's'} read from {run.scope}. Nothing is written until you choose.
        </Text>
        <SimpleGrid cols={4} spacing="xs" maw={480}>
          {COUNTS.map(([key, label]) => (
            <Stack key={key} gap={0} data-testid={`preview-${key}`} data-value={preview[key]}>
              <Text size="lg" fw={700}>
                {formatCount(preview[key])}
              </Text>
              <Group gap={4}>
                {key === 'rejected' && preview.rejected > 0 && <IconAlertTriangle size={12} color="var(--mantine-color-orange-filled)" aria-hidden />}
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
              </Group>
            </Stack>
          ))}
        </SimpleGrid>
        {preview.problems.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Rejected records{preview.problemsTruncated ? ` (the first ${formatCount(preview.problems.length)} of ${formatCount(preview.rejected)})` : ''}
            </Text>
            <Table.ScrollContainer minWidth={500} mah={280}>
              <Table verticalSpacing={2} fz="xs" striped data-testid="import-problems">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>Record</Table.Th>
                    <Table.Th w={70}>Line</Table.Th>
                    <Table.Th w={140}>Field</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.problems.map((p) => (
                    <Table.Tr key={p.recordNumber}>
                      <Table.Td className="fw-mono">{p.recordNumber}</Table.Td>
                      <Table.Td className="fw-mono">{p.line ?? ''}</Table.Td>
                      <Table.Td className="fw-mono">{p.field ?? ''}</Table.Td>
                      <Table.Td>{p.problem}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
        {preview.rejected > 0 && (
          <Alert variant="light" color="orange" icon={<IconAlertTriangle aria-hidden />} p="xs">
            <Text size="sm">
              Fix the rejected records and import the file again to take everything at once, or import the {formatCount(valid)} valid record{valid === 1 ? '' : 's'} now and
              the corrected ones later (re-importing into the same source updates, never duplicates).
            </Text>
          </Alert>
        )}
        <Group gap="xs">
          {preview.rejected === 0 ? (
            <Button leftSection={<IconFileImport size={16} aria-hidden />} loading={busy === 'commit'} disabled={busy !== null} onClick={() => void act('commit')} data-testid="import-commit">
              {changes === 0 ? 'Record that the file was seen' : `Import ${formatCount(changes)} change${changes === 1 ? '' : 's'}`}
            </Button>
          ) : (
            <Button
              leftSection={<IconFileImport size={16} aria-hidden />}
              loading={busy === 'skip'}
              disabled={busy !== null || valid === 0}
              onClick={() => void act('skip')}
              data-testid="import-commit-skip"
            >
              Import the {formatCount(valid)} valid, skip {formatCount(preview.rejected)} rejected
            </Button>
          )}
          {preview.rejected > 0 && (
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={busy === 'download'} disabled={busy !== null} onClick={() => void download()} data-testid="import-download-rejected">
              Download rejected records (CSV)
            </Button>
          )}
          <Button variant="subtle" color="gray" leftSection={<IconTrash size={16} aria-hidden />} loading={busy === 'discard'} disabled={busy !== null} onClick={() => void act('discard')} data-testid="import-discard">
            Discard
          </Button>
        </Group>
        {error && <ErrorNotice title="That did not work" message={error} />}
      </Stack>
    </Paper>
  );
}
