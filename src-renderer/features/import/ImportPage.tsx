// Import an inventory file: pick it, say what it is, check it. The file is read and validated first;
// the preview says what would change and lists every rejected record, and nothing is written until the
// user commits (all, or the valid records only) or discards. The upload and the run are store actions,
// so the job keeps going (and reporting) if the user leaves this page.
import { Alert, Button, Code, FileInput, Group, Paper, Progress, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileImport, IconInfoCircle, IconPlayerStop, IconUpload } from '@tabler/icons-react';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Run } from '../../../src-shared/api/runs.js';
import { NETWORK_ADDRESSING, NETWORK_ADDRESSING_LABELS, type NetworkAddressing } from '../../../src-shared/model/network-addressing.js';
import { IMPORT_KINDS, type ImportFileFormat, type ImportKind } from '../../../src-shared/model/source-kinds.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import { inferImportFormat } from '../../lib/import-format.js';
import { isRunActive } from '../../store/runs-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { RunReport } from '../runs/RunReport.js';
import { ImportPreviewPanel } from './ImportPreviewPanel.js';

const KIND_OPTIONS: { value: ImportKind; label: string; hint: string }[] = [
  { value: 'servers_cache', label: 'Server inventory', hint: 'CSV or JSON with hostname, fqdn, serial, vendor, model, os_name, os_version, memory_mb…' },
  { value: 'desktop_cache', label: 'Desktop inventory', hint: 'CSV or JSON export of workstations and laptops.' },
  { value: 'cloud_manual', label: 'Cloud instances', hint: 'CSV or JSON list of cloud instances (provider, account, region, instance id…).' },
  {
    value: 'ot_seed',
    label: 'OT seed list',
    hint: 'CSV or JSON of known OT endpoints (address, protocols, name, vendor, model, site, zone, Purdue level, criticality, unit id…); see examples/ot-seed-list.csv. Give the network.',
  },
];
const ACCEPT = '.json,.csv,.ndjson,.jsonl';
const DELIMITER_OPTIONS = [
  { value: 'auto', label: 'Detect' },
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
];
const FORMAT_OPTIONS = [
  { value: 'auto', label: 'From the file name' },
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON / NDJSON' },
];

/** A failed CSV whose header a column map can fix: offer to check it again with that map. */
function suggestedMap(run: Run): Record<string, string> | null {
  const map = run.error?.detail?.suggestedColumnMap;
  return map && Object.keys(map).length > 0 ? map : null;
}

function ImportProgress({ runId, onRetryWithMap }: { runId: string; onRetryWithMap: (map: Record<string, string>) => void }) {
  const store = useAppStoreApi();
  const run = useAppStore((s) => s.runs.byId[runId]);
  const progress = useAppStore((s) => s.runs.progress[runId]);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  if (run?.status === 'previewed') return <ImportPreviewPanel run={run} />;
  if (run && !isRunActive(run)) {
    const map = run.status === 'failed' ? suggestedMap(run) : null;
    return (
      <Paper withBorder p="sm" data-testid="import-result">
        <Stack gap="xs">
          <RunReport run={run} />
          {map && (
            <Group gap="xs">
              <Text size="sm">
                Suggested column mapping: {Object.entries(map).map(([from, to]) => `“${from}” → ${to}`).join(', ')}
              </Text>
              <Button size="xs" variant="light" onClick={() => onRetryWithMap(map)} data-testid="import-retry-with-map">
                Check again with this mapping
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
    );
  }
  const percent = progress && progress.totalBytes > 0 ? Math.min(100, (progress.bytesRead / progress.totalBytes) * 100) : 0;
  const phase = progress?.phase === 'committing' ? 'Committing to the database' : progress?.phase === 'done' ? 'Finishing' : 'Reading and checking the file';
  return (
    <Paper withBorder p="sm" data-testid="import-progress">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {phase}…
          </Text>
          <Button
            size="xs"
            variant="default"
            color="gray"
            leftSection={<IconPlayerStop size={14} aria-hidden />}
            loading={cancelling}
            onClick={async () => {
              setCancelling(true);
              setCancelError(await store.getState().cancelRun(runId));
              setCancelling(false);
            }}
            data-testid="import-cancel"
          >
            Cancel import
          </Button>
        </Group>
        <Progress value={percent} size="lg" animated striped aria-label="Import progress" />
        <Text size="xs" c="dimmed" data-testid="import-progress-text">
          {progress
            ? `${formatCount(progress.records)} records · ${formatBytes(progress.bytesRead)} of ${formatBytes(progress.totalBytes)} (${Math.round(percent)} %)`
            : 'Waiting for the first progress report…'}
        </Text>
        {cancelError && <ErrorNotice title="The import could not be cancelled" message={cancelError} />}
      </Stack>
    </Paper>
  );
}

export function ImportPage() {
  const store = useAppStoreApi();
  const draft = useAppStore((s) => s.runs.importDraft);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<ImportKind>('servers_cache');
  const [sourceName, setSourceName] = useState('');
  const [network, setNetwork] = useState('');
  const [addressing, setAddressing] = useState<NetworkAddressing>('unknown');
  const [delimiter, setDelimiter] = useState<'auto' | ',' | ';' | '\t'>('auto');
  const [formatChoice, setFormatChoice] = useState<'auto' | ImportFileFormat>('auto');
  const format = formatChoice === 'auto' ? (file ? inferImportFormat(file.name) : null) : formatChoice;
  const formatUnknown = file !== null && format === null;
  const busy = draft.step === 'uploading' || draft.step === 'starting';
  const hint = KIND_OPTIONS.find((k) => k.value === kind)?.hint;

  function check(columnMap?: Record<string, string>) {
    if (!file || !format) return;
    void store.getState().startImport(file, {
      kind,
      format,
      ...(sourceName.trim() ? { sourceName: sourceName.trim() } : {}),
      ...(network.trim() ? { network: network.trim(), ...(addressing !== 'unknown' ? { addressing } : {}) } : {}),
      ...(format === 'csv' && delimiter !== 'auto' ? { delimiter } : {}),
      ...(columnMap ? { columnMap } : {}),
    });
  }

  function start(event: FormEvent) {
    event.preventDefault();
    check();
  }

  return (
    <Stack gap="sm" maw={820}>
      <Title order={2} size="h3">
        Import an inventory file
      </Title>
      <Text size="sm" c="dimmed">
        Server, desktop and cloud inventories in CSV, JSON or NDJSON. The file is checked first: you see what would change and every
        rejected record before anything is written. Re-importing into the same source updates its records instead of duplicating
        them. Example files are in the repository's <Code>examples/</Code> folder.
      </Text>
      <Paper withBorder p="md">
        <form onSubmit={start}>
          <Stack gap="sm">
            <FileInput
              label="File"
              placeholder="Choose a .csv, .json, .ndjson or .jsonl file"
              accept={ACCEPT}
              value={file}
              onChange={setFile}
              clearable
              leftSection={<IconUpload size={16} aria-hidden />}
              description={file ? formatBytes(file.size) : undefined}
              data-testid="import-file"
              // Mantine renders the real <input type=file> hidden; tests set files on it directly.
              fileInputProps={{ 'data-testid': 'import-file-input' } as ComponentProps<'input'>}
            />
            <Select
              label="What is in the file"
              data={KIND_OPTIONS.map(({ value, label }) => ({ value, label }))}
              value={kind}
              onChange={(v) => v && (IMPORT_KINDS as readonly string[]).includes(v) && setKind(v as ImportKind)}
              allowDeselect={false}
              description={hint}
              data-testid="import-kind"
            />
            <Select
              label="Format"
              data={FORMAT_OPTIONS}
              value={formatChoice}
              onChange={(v) => v && setFormatChoice(v as 'auto' | ImportFileFormat)}
              allowDeselect={false}
              w={260}
              error={formatUnknown ? `Cannot tell the format of “${file.name}” from its name: choose CSV or JSON.` : undefined}
              data-testid="import-format"
            />
            {format === 'csv' && (
              <Select
                label="Delimiter"
                data={DELIMITER_OPTIONS}
                value={delimiter}
                onChange={(v) => v && setDelimiter(v as typeof delimiter)}
                allowDeselect={false}
                w={260}
                description="Detected from the header unless you choose; a source remembers what its last import used."
                data-testid="import-delimiter"
              />
            )}
            <Group grow align="flex-start">
              <TextInput
                label="Source name (optional)"
                description="Defaults to the kind. Use one name per system you export from."
                value={sourceName}
                onChange={(e) => setSourceName(e.currentTarget.value)}
                data-testid="import-source-name"
              />
              <TextInput
                label="Network or site (optional)"
                description="Where the private IPs in this file live, e.g. “plant-north”."
                value={network}
                onChange={(e) => setNetwork(e.currentTarget.value)}
                data-testid="import-network"
              />
            </Group>
            {network.trim() !== '' && (
              <Select
                label="How that network hands out addresses"
                data={NETWORK_ADDRESSING.map((value) => ({ value, label: NETWORK_ADDRESSING_LABELS[value] }))}
                value={addressing}
                onChange={(v) => v && setAddressing(v as NetworkAddressing)}
                allowDeselect={false}
                w={360}
                description="On a static plant network an IP with the same vendor identifies a device; on DHCP an IP alone never merges. Remembered for the network."
                data-testid="import-addressing"
              />
            )}
            <Group>
              <Button type="submit" leftSection={<IconFileImport size={16} aria-hidden />} disabled={!file || !format || busy} loading={busy} data-testid="import-start">
                Check file
              </Button>
              {draft.step === 'uploading' && <Text size="sm">Uploading {draft.fileName} ({formatBytes(draft.fileBytes)})…</Text>}
              {draft.step === 'starting' && <Text size="sm">Starting the check…</Text>}
            </Group>
          </Stack>
        </form>
      </Paper>
      {draft.step === 'failed' && draft.error && (
        <ErrorNotice title={`${draft.fileName ?? 'The file'} was not imported`} message={draft.error} />
      )}
      {draft.runId && <ImportProgress runId={draft.runId} onRetryWithMap={(map) => check(map)} />}
      {draft.runId && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
          The import keeps running if you leave this page; the header shows running jobs, and every import's report stays under{' '}
          <Link to="/runs">Runs</Link>.
        </Alert>
      )}
    </Stack>
  );
}
