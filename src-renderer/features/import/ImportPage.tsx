// Import an inventory file: pick it, say what it is, start. The upload and the run are store actions,
// so the job keeps going (and reporting) if the user leaves this page.
import { Alert, Button, Code, FileInput, Group, Paper, Progress, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileImport, IconInfoCircle, IconPlayerStop, IconUpload } from '@tabler/icons-react';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { IMPORT_KINDS, type ImportFileFormat, type ImportKind } from '../../../src-shared/model/source-kinds.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import { inferImportFormat } from '../../lib/import-format.js';
import { isRunActive } from '../../store/runs-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';
import { RunReport } from '../runs/RunReport.js';

const KIND_OPTIONS: { value: ImportKind; label: string; hint: string }[] = [
  { value: 'servers_cache', label: 'Server inventory', hint: 'CSV or JSON with hostname, fqdn, serial, vendor, model, os_name, os_version, memory_mb…' },
  { value: 'desktop_cache', label: 'Desktop inventory', hint: 'CSV or JSON export of workstations and laptops.' },
  { value: 'cloud_manual', label: 'Cloud instances', hint: 'CSV or JSON list of cloud instances (provider, account, region, instance id…).' },
];
const ACCEPT = '.json,.csv,.ndjson,.jsonl';
const FORMAT_OPTIONS = [
  { value: 'auto', label: 'From the file name' },
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON / NDJSON' },
];

function ImportProgress({ runId }: { runId: string }) {
  const store = useAppStoreApi();
  const run = useAppStore((s) => s.runs.byId[runId]);
  const progress = useAppStore((s) => s.runs.progress[runId]);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  if (run && !isRunActive(run)) {
    return (
      <Paper withBorder p="sm" data-testid="import-result">
        <RunReport run={run} />
      </Paper>
    );
  }
  const percent = progress && progress.totalBytes > 0 ? Math.min(100, (progress.bytesRead / progress.totalBytes) * 100) : 0;
  const phase = progress?.phase === 'committing' ? 'Committing to the database' : progress?.phase === 'done' ? 'Finishing' : 'Reading the file';
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
  const [formatChoice, setFormatChoice] = useState<'auto' | ImportFileFormat>('auto');
  const format = formatChoice === 'auto' ? (file ? inferImportFormat(file.name) : null) : formatChoice;
  const formatUnknown = file !== null && format === null;
  const busy = draft.step === 'uploading' || draft.step === 'starting';
  const hint = KIND_OPTIONS.find((k) => k.value === kind)?.hint;

  function start(event: FormEvent) {
    event.preventDefault();
    if (!file || !format) return;
    void store.getState().startImport(file, {
      kind,
      format,
      ...(sourceName.trim() ? { sourceName: sourceName.trim() } : {}),
      ...(network.trim() ? { network: network.trim() } : {}),
    });
  }

  return (
    <Stack gap="sm" maw={820}>
      <Title order={2} size="h3">
        Import an inventory file
      </Title>
      <Text size="sm" c="dimmed">
        Server, desktop and cloud inventories in CSV, JSON or NDJSON. Re-importing into the same source updates its records instead of
        duplicating them. Example files are in the repository's <Code>examples/</Code> folder.
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
            <Group>
              <Button type="submit" leftSection={<IconFileImport size={16} aria-hidden />} disabled={!file || !format || busy} loading={busy} data-testid="import-start">
                Start import
              </Button>
              {draft.step === 'uploading' && <Text size="sm">Uploading {draft.fileName} ({formatBytes(draft.fileBytes)})…</Text>}
              {draft.step === 'starting' && <Text size="sm">Starting the import…</Text>}
            </Group>
          </Stack>
        </form>
      </Paper>
      {draft.step === 'failed' && draft.error && (
        <ErrorNotice title={`${draft.fileName ?? 'The file'} was not imported`} message={draft.error} />
      )}
      {draft.runId && <ImportProgress runId={draft.runId} />}
      {draft.runId && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
          The import keeps running if you leave this page; the header shows running jobs, and every import's report stays under{' '}
          <Link to="/runs">Runs</Link>.
        </Alert>
      )}
    </Stack>
  );
}
