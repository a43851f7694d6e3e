// Manual edit of an asset's class and fields (assets.update). Only changed fields are sent; clearing
// a field sends null. Manual values win over collected ones, and the change is audited.
import { Button, Group, Modal, ScrollArea, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AssetDetail } from '../../../src-shared/api/inventory.js';
import { ASSET_CLASSES, ASSET_CLASS_LABELS, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import { ASSET_FIELD_LABELS, ASSET_FIELD_NAMES, type AssetFieldName } from '../../../src-shared/model/asset-fields.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fieldValueToInput, parseFieldInput } from '../../lib/field-input.js';
import type { FieldChanges } from '../../store/asset-slice.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

const CLASS_OPTIONS = ASSET_CLASSES.map((value) => ({ value, label: ASSET_CLASS_LABELS[value] }));

function currentValues(detail: AssetDetail): Partial<Record<AssetFieldName, string>> {
  const values: Partial<Record<AssetFieldName, string>> = {};
  for (const entry of detail.fields) if (values[entry.field] === undefined) values[entry.field] = fieldValueToInput(entry.value);
  return values;
}

export function EditFieldsModal({ detail, opened, onClose }: { detail: AssetDetail; opened: boolean; onClose(): void }) {
  const store = useAppStoreApi();
  const [initial] = useState(() => currentValues(detail));
  const [values, setValues] = useState(initial);
  const [assetClass, setAssetClass] = useState<AssetClass>(detail.summary.class);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: FieldChanges = {};
    for (const field of ASSET_FIELD_NAMES) {
      const before = initial[field] ?? '';
      const after = values[field] ?? '';
      if (before.trim() !== after.trim()) fields[field] = parseFieldInput(field, after);
    }
    const classChanged = assetClass !== detail.summary.class;
    if (Object.keys(fields).length === 0 && !classChanged) {
      onClose();
      return;
    }
    setSaving(true);
    const failure = await store.getState().updateAssetFields(detail.summary.id, { fields, ...(classChanged ? { class: assetClass } : {}) });
    setSaving(false);
    if (failure) setError(failure);
    else onClose();
  }

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${detail.summary.name}`} size="xl">
      <form onSubmit={submit} data-testid="edit-fields-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Edited values are recorded with the source “Manual entry”, win over collected values and appear in the audit history. Empty a
            field to remove your manual value.
          </Text>
          <Select label="Class" data={CLASS_OPTIONS} value={assetClass} onChange={(v) => v && setAssetClass(v as AssetClass)} allowDeselect={false} w={260} />
          <ScrollArea.Autosize mah="55vh" type="auto" offsetScrollbars>
            <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
              {ASSET_FIELD_NAMES.map((field) => (
                <TextInput
                  key={field}
                  label={ASSET_FIELD_LABELS[field]}
                  size="xs"
                  value={values[field] ?? ''}
                  onChange={(e) => {
                    const text = e.currentTarget.value;
                    setValues((v) => ({ ...v, [field]: text }));
                  }}
                  data-testid={`edit-field-${field}`}
                />
              ))}
            </SimpleGrid>
          </ScrollArea.Autosize>
          {error && <ErrorNotice title="Changes not saved" message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} data-testid="edit-fields-save">
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
