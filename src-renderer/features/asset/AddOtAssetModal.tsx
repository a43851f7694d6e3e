// Manual entry of an OT asset no protocol can see (a serial drive, an I/O module, a safety relay),
// from the inventory's toolbar or from a parent's page ("Add device behind this one"). Values are
// checked here as main checks them (Purdue level, criticality), so a mistake is named at its field.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { OtAssetInput } from '../../../src-shared/api/ot.js';
import { ASSET_CLASSES, ASSET_CLASS_LABELS, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import { CRITICALITIES, CRITICALITY_LABELS, parsePurdueLevel, PURDUE_LEVEL_LABELS, PURDUE_LEVELS, type Criticality } from '../../../src-shared/model/ot-fields.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

// OT classes first: they are what this dialog is for.
const OT_FIRST: readonly AssetClass[] = ['drive', 'io_module', 'plc', 'hmi', 'building_controller', 'iot_device', 'unknown'];
const CLASS_OPTIONS = [...OT_FIRST, ...ASSET_CLASSES.filter((c) => !OT_FIRST.includes(c))].map((value) => ({ value, label: ASSET_CLASS_LABELS[value] }));
const PURDUE_OPTIONS = PURDUE_LEVELS.map((value) => ({ value, label: PURDUE_LEVEL_LABELS[value] }));
const CRITICALITY_OPTIONS = CRITICALITIES.map((value) => ({ value, label: CRITICALITY_LABELS[value] }));

const TEXT_FIELDS = [
  ['vendor', 'Vendor'],
  ['model', 'Model'],
  ['serial', 'Serial number'],
  ['firmware', 'Firmware'],
  ['site', 'Site'],
  ['area', 'Area / cell'],
  ['zone', 'Zone (IEC 62443)'],
  ['conduit', 'Conduit (IEC 62443)'],
  ['processFunction', 'Process function'],
] as const;
type TextField = (typeof TEXT_FIELDS)[number][0];

export interface AddOtAssetModalProps {
  opened: boolean;
  onClose(): void;
  /** The asset the new one sits behind, when opened from its page. */
  parent?: { id: string; name: string } | undefined;
}

export function AddOtAssetModal({ opened, onClose, parent }: AddOtAssetModalProps) {
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const [assetClass, setAssetClass] = useState<AssetClass>('drive');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Partial<Record<TextField, string>>>({});
  const [purdue, setPurdue] = useState<string | null>(null);
  const [criticality, setCriticality] = useState<Criticality | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  function close() {
    setName('');
    setValues({});
    setPurdue(null);
    setCriticality(null);
    setNameError(null);
    setError(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Give the asset a name: its tag or label, as written on the device or in the drawings.');
      return;
    }
    if (purdue !== null && parsePurdueLevel(purdue) === null) {
      setError(`"${purdue}" is not a Purdue level.`);
      return;
    }
    const input: OtAssetInput = { class: assetClass, name: name.trim() };
    for (const [field] of TEXT_FIELDS) {
      const text = (values[field] ?? '').trim();
      if (text) input[field] = text;
    }
    if (purdue !== null) input.purdueLevel = purdue;
    if (criticality !== null) input.criticality = criticality;
    if (parent) input.parentAssetId = parent.id;
    setSaving(true);
    const result = await store.getState().createOtAsset(input);
    setSaving(false);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    close();
    navigate(`/assets/${encodeURIComponent(result.id)}`);
  }

  return (
    <Modal opened={opened} onClose={close} title={parent ? `Add a device behind ${parent.name}` : 'Add OT asset'} size="lg">
      <form onSubmit={submit} data-testid="ot-asset-form" noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            For devices no protocol can see: serial drives, I/O modules, safety relays. Recorded with the source “Manual OT entry”; its values win over collected
            ones.
            {parent ? ` It is placed behind ${parent.name} (a “part of” relation).` : ''}
          </Text>
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            <Select label="Class" data={CLASS_OPTIONS} value={assetClass} onChange={(v) => v && setAssetClass(v as AssetClass)} allowDeselect={false} data-testid="ot-asset-class" />
            <TextInput
              label="Name"
              withAsterisk
              value={name}
              error={nameError}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(null);
              }}
              data-autofocus
              data-testid="ot-asset-name"
            />
            <Select label="Purdue level" placeholder="Not set" data={PURDUE_OPTIONS} value={purdue} onChange={setPurdue} clearable data-testid="ot-asset-purdue" />
            <Select
              label="Criticality"
              placeholder="Not set"
              data={CRITICALITY_OPTIONS}
              value={criticality}
              onChange={(v) => setCriticality(v as Criticality | null)}
              clearable
              data-testid="ot-asset-criticality"
            />
            {TEXT_FIELDS.map(([field, label]) => (
              <TextInput
                key={field}
                label={label}
                value={values[field] ?? ''}
                onChange={(e) => {
                  const text = e.currentTarget.value;
                  setValues((v) => ({ ...v, [field]: text }));
                }}
                data-testid={`ot-asset-${field}`}
              />
            ))}
          </SimpleGrid>
          {error && <ErrorNotice title="The OT asset was not added" message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} data-testid="ot-asset-create">
              Add OT asset
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
