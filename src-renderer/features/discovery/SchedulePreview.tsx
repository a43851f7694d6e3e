// The schedule editor's live check: asks main (`discovery.schedule.preview`) 400 ms after the
// person stops typing, then lists the next fire times or says why the expression is not valid.
import { Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarTime } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatTime } from '../../lib/format.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

type Preview = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; next: string[] } | { state: 'invalid'; message: string };

export function SchedulePreview({ schedule, timezone }: { schedule: string; timezone: string }) {
  const store = useAppStoreApi();
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  useEffect(() => {
    const expression = schedule.trim();
    if (expression === '') {
      setPreview({ state: 'idle' });
      return;
    }
    let current = true;
    setPreview({ state: 'loading' });
    const timer = window.setTimeout(async () => {
      const result = await store.getState().previewSchedule(expression, timezone.trim() || null);
      if (!current) return;
      if (result.error !== undefined) setPreview({ state: 'invalid', message: result.error });
      else if (!result.preview.valid) setPreview({ state: 'invalid', message: result.preview.message ?? `“${expression}” is not a valid schedule.` });
      else setPreview({ state: 'ok', next: result.preview.next });
    }, 400);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [store, schedule, timezone]);

  if (preview.state === 'idle') {
    return (
      <Text size="xs" c="dimmed" data-testid="schedule-preview" data-state="idle">
        No schedule: the scope runs only when you start it.
      </Text>
    );
  }
  if (preview.state === 'loading') {
    return (
      <Group gap={6} data-testid="schedule-preview" data-state="loading">
        <Loader size={12} />
        <Text size="xs" c="dimmed">
          Checking the schedule…
        </Text>
      </Group>
    );
  }
  if (preview.state === 'invalid') {
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" data-testid="schedule-preview" data-state="invalid">
        <IconAlertTriangle size={14} color="var(--mantine-color-orange-filled)" aria-hidden style={{ flex: 'none', marginTop: 2 }} />
        <Text size="xs">{preview.message}</Text>
      </Group>
    );
  }
  return (
    <Stack gap={2} data-testid="schedule-preview" data-state="ok">
      <Group gap={6}>
        <IconCalendarTime size={14} aria-hidden />
        <Text size="xs" fw={500}>
          Next runs
        </Text>
      </Group>
      {preview.next.map((time) => (
        <Text key={time} size="xs" className="fw-mono" data-testid="schedule-next">
          {formatTime(time)}
        </Text>
      ))}
    </Stack>
  );
}
