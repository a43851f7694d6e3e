// Manual entry: pick a class, fill in the fields you know, create. Main records it as a manual source.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ASSET_CLASSES, ASSET_CLASS_LABELS, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import { ASSET_FIELD_LABELS, ASSET_FIELD_NAMES, type AssetFieldName } from '../../../src-shared/model/asset-fields.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { MANUAL_ENTRY_FIELDS, parseFieldInput } from '../../lib/field-input.js';
import type { FieldChanges } from '../../store/asset-slice.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

const CLASS_OPTIONS = ASSET_CLASSES.map((value) => ({ value, label: ASSET_CLASS_LABELS[value] }));

export function NewAssetModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const [assetClass, setAssetClass] = useState<AssetClass>('server');
  const [shownFields, setShownFields] = useState<AssetFieldName[]>([...MANUAL_ENTRY_FIELDS]);
  const [values, setValues] = useState<Partial<Record<AssetFieldName, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const otherFields = ASSET_FIELD_NAMES.filter((f) => !shownFields.includes(f)).map((f) => ({ value: f, label: ASSET_FIELD_LABELS[f] }));
  const nameMissing = !(values.name ?? '').trim();

  function close() {
    setValues({});
    setError(null);
    setShownFields([...MANUAL_ENTRY_FIELDS]);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (nameMissing) {
      setError('Give the asset a name: it is how the asset appears in the inventory.');
      return;
    }
    const fields: FieldChanges = {};
    for (const field of shownFields) {
      const value = parseFieldInput(field, values[field] ?? '');
      if (value !== null) fields[field] = value;
    }
    setSaving(true);
    const result = await store.getState().createAsset({ class: assetClass, fields, tags: [] });
    setSaving(false);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    close();
    navigate(`/assets/${encodeURIComponent(result.id)}`);
  }

  return (
    <Modal opened={opened} onClose={close} title="New asset" size="lg">
      <form onSubmit={submit} data-testid="new-asset-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Values you enter here are recorded with the source “Manual entry” and win over collected values.
          </Text>
          <Select label="Class" data={CLASS_OPTIONS} value={assetClass} onChange={(v) => v && setAssetClass(v as AssetClass)} allowDeselect={false} data-testid="new-asset-class" />
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            {shownFields.map((field) => (
              <TextInput
                key={field}
                label={ASSET_FIELD_LABELS[field]}
                withAsterisk={field === 'name'}
                value={values[field] ?? ''}
                onChange={(e) => {
                  const text = e.currentTarget.value;
                  setValues((v) => ({ ...v, [field]: text }));
                }}
                data-autofocus={field === 'name' || undefined}
                data-testid={`new-asset-field-${field}`}
              />
            ))}
          </SimpleGrid>
          <Select
            placeholder="Add another field…"
            aria-label="Add another field"
            data={otherFields}
            value={null}
            onChange={(v) => v && setShownFields((f) => [...f, v as AssetFieldName])}
            searchable
            w={260}
          />
          {error && <ErrorNotice title="The asset was not created" message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} data-testid="new-asset-create">
              Create asset
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
