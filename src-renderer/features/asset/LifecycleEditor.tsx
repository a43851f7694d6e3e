// The lifecycle record: stage, owner, warranty end, end of sale, end of life and notes.
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { Lifecycle } from '../../../src-shared/api/inventory.js';
import { LIFECYCLE_STAGES, LIFECYCLE_STAGE_LABELS, type LifecycleStage } from '../../../src-shared/model/lifecycle-stages.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatDate } from '../../lib/format.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

const STAGE_OPTIONS = LIFECYCLE_STAGES.map((value) => ({ value, label: LIFECYCLE_STAGE_LABELS[value] }));
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

type Draft = Record<'owner' | 'warrantyEnd' | 'endOfSale' | 'endOfLife' | 'notes', string> & { stage: LifecycleStage | null };

function toDraft(lifecycle: Lifecycle): Draft {
  return {
    stage: lifecycle.stage,
    owner: lifecycle.owner ?? '',
    warrantyEnd: lifecycle.warrantyEnd ?? '',
    endOfSale: lifecycle.endOfSale ?? '',
    endOfLife: lifecycle.endOfLife ?? '',
    notes: lifecycle.notes ?? '',
  };
}

export function LifecycleEditor({ assetId, lifecycle }: { assetId: string; lifecycle: Lifecycle }) {
  const store = useAppStoreApi();
  const [draft, setDraft] = useState<Draft>(() => toDraft(lifecycle));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(toDraft(lifecycle)), [lifecycle]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(lifecycle));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    const failure = await store.getState().saveAssetLifecycle(assetId, {
      stage: draft.stage,
      owner: orNull(draft.owner),
      warrantyEnd: orNull(draft.warrantyEnd),
      endOfSale: orNull(draft.endOfSale),
      endOfLife: orNull(draft.endOfLife),
      notes: orNull(draft.notes),
    });
    setSaving(false);
    setError(failure);
  }

  const text = (field: keyof Omit<Draft, 'stage'>) => ({
    value: draft[field],
    onChange: (e: { currentTarget: { value: string } }) => {
      const next = e.currentTarget.value;
      setDraft((d) => ({ ...d, [field]: next }));
    },
  });

  // Dates are typed as YYYY-MM-DD (one order everywhere; a browser's date field shows mm/dd/yyyy in
  // an English browser whatever the region) and read back in the user's locale beneath.
  const date = (field: 'warrantyEnd' | 'endOfSale' | 'endOfLife') => {
    const value = draft[field].trim();
    const shown = value ? formatDate(value) : '';
    return {
      ...text(field),
      size: 'xs' as const,
      placeholder: 'YYYY-MM-DD',
      inputMode: 'numeric' as const,
      description: shown && shown !== value ? shown : undefined,
      error: value && shown === value ? 'Write the date as YYYY-MM-DD' : undefined,
    };
  };

  return (
    <form onSubmit={save} data-testid="lifecycle-editor">
      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
          <Select label="Stage" placeholder="Not set" data={STAGE_OPTIONS} value={draft.stage} onChange={(v) => setDraft((d) => ({ ...d, stage: v as LifecycleStage | null }))} clearable size="xs" data-testid="lifecycle-stage" />
          <TextInput label="Owner" size="xs" {...text('owner')} data-testid="lifecycle-owner" />
          <TextInput label="Warranty end" {...date('warrantyEnd')} data-testid="lifecycle-warranty-end" />
          <TextInput label="End of sale" {...date('endOfSale')} />
          <TextInput label="End of life" {...date('endOfLife')} />
        </SimpleGrid>
        <Textarea label="Notes" size="xs" autosize minRows={2} maxRows={6} {...text('notes')} />
        <Group gap="xs">
          <Button type="submit" size="xs" disabled={!dirty} loading={saving} data-testid="lifecycle-save">
            Save lifecycle
          </Button>
          {dirty && (
            <Text size="xs" c="dimmed">
              Unsaved changes
            </Text>
          )}
        </Group>
        {error && <ErrorNotice title="Lifecycle not saved" message={error} />}
      </Stack>
    </form>
  );
}
