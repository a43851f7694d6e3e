// The lifecycle record: stage, owner, warranty end, end of sale, end of life and notes.
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { Lifecycle } from '../../../src-shared/api/inventory.js';
import { LIFECYCLE_STAGES, LIFECYCLE_STAGE_LABELS, type LifecycleStage } from '../../../src-shared/model/lifecycle-stages.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
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

  return (
    <form onSubmit={save} data-testid="lifecycle-editor">
      <Stack gap="xs">
        <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
          <Select label="Stage" placeholder="Not set" data={STAGE_OPTIONS} value={draft.stage} onChange={(v) => setDraft((d) => ({ ...d, stage: v as LifecycleStage | null }))} clearable size="xs" data-testid="lifecycle-stage" />
          <TextInput label="Owner" size="xs" {...text('owner')} data-testid="lifecycle-owner" />
          <TextInput label="Warranty end" type="date" size="xs" {...text('warrantyEnd')} />
          <TextInput label="End of sale" type="date" size="xs" {...text('endOfSale')} />
          <TextInput label="End of life" type="date" size="xs" {...text('endOfLife')} />
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
