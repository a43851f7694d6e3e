// "Export what you see": the grid's filter, sort and visible columns as CSV, XLSX or JSON. The
// export runs in main as a job; here it shows its progress with a cancel button, then saves the file
// (the browser's download, or the window's save dialog) and says what was written.
import { Button, CloseButton, Group, Menu, Progress, Text } from '@mantine/core';
import { IconAlertOctagon, IconCheck, IconDownload, IconX } from '@tabler/icons-react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetColumnId } from '../../../src-shared/api/asset-columns.js';
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, type ExportFormat, type ExportJob } from '../../../src-shared/api/exports.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import { compactFilter } from '../../store/inventory-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

function ExportStatus({ job }: { job: ExportJob }) {
  const store = useAppStoreApi();
  const saved = useAppStore((s) => s.exports.saved[job.id]);
  const close = <CloseButton size="sm" aria-label="Dismiss the export result" onClick={() => store.getState().dismissExport()} />;
  if (job.status === 'running') {
    const percent = job.total && job.totalIsExact ? Math.min(100, (job.rows / job.total) * 100) : undefined;
    return (
      <Group gap="xs" wrap="nowrap" data-testid="export-progress" data-rows={job.rows}>
        <Progress value={percent ?? 100} animated={percent === undefined} striped={percent === undefined} w={100} size="sm" aria-label="Export progress" />
        <Text size="xs" c="dimmed">
          {formatCount(job.rows)}
          {job.total !== null ? ` of ${formatCount(job.total)}${job.totalIsExact ? '' : '+'}` : ''} assets
        </Text>
        <Button size="compact-xs" variant="default" leftSection={<IconX size={12} aria-hidden />} onClick={() => void store.getState().cancelExport(job.id)} data-testid="export-cancel">
          Cancel
        </Button>
      </Group>
    );
  }
  if (job.status === 'succeeded') {
    const where = saved?.status === 'saved' && saved.path ? ` to ${saved.path}` : saved?.status === 'cancelled' ? ' (not saved)' : '';
    return (
      <Group gap={6} wrap="nowrap" data-testid="export-result" data-status="succeeded" data-rows={job.rows}>
        <IconCheck size={14} aria-hidden />
        <Text size="xs">
          Exported {formatCount(job.rows)} asset{job.rows === 1 ? '' : 's'} ({formatBytes(job.bytes ?? 0)}) as {job.fileName}
          {where}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => void store.getState().saveExport(job.id)} data-testid="export-save-again">
          {saved?.status === 'cancelled' ? 'Save…' : 'Download again'}
        </Button>
        {close}
      </Group>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" data-testid="export-result" data-status={job.status}>
      {job.status === 'failed' ? <IconAlertOctagon size={14} color="var(--mantine-color-red-filled)" aria-hidden /> : <IconX size={14} aria-hidden />}
      <Text size="xs" c={job.status === 'failed' ? 'red' : 'dimmed'} role={job.status === 'failed' ? 'alert' : undefined}>
        {job.error?.message ?? (job.status === 'cancelled' ? 'The export was cancelled.' : 'The export failed.')}
      </Text>
      {close}
    </Group>
  );
}

/** `columns`: the grid's visible columns, in the order shown. */
export function ExportMenu({ columns }: { columns: readonly AssetColumnId[] }) {
  const store = useAppStoreApi();
  const query = useAppStore(useShallow((s) => s.inventory.query));
  const job = useAppStore((s) => (s.exports.currentId ? s.exports.byId[s.exports.currentId] : undefined));
  const error = useAppStore((s) => s.exports.error);
  const running = job?.status === 'running';

  function start(format: ExportFormat): void {
    void store.getState().startExport({ format, sort: query.sort, filter: compactFilter(query.filter), columns: [...columns] });
  }

  // ml="auto": sits at the right of the toolbar, beside the buttons that follow it.
  return (
    <Group gap="xs" wrap="nowrap" ml="auto">
      {job && <ExportStatus job={job} />}
      {error && (
        <Text size="xs" c="red" role="alert" data-testid="export-error">
          {error}
        </Text>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            disabled={running || columns.length === 0}
            title="Export the assets shown: these filters, this sort and these columns"
            data-testid="export-menu"
          >
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Export what the table shows</Menu.Label>
          {EXPORT_FORMATS.map((format) => (
            <Menu.Item key={format} onClick={() => start(format)} data-testid={`export-${format}`}>
              {EXPORT_FORMAT_LABELS[format]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
