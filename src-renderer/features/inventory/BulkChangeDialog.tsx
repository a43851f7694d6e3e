// A bulk change to the selected assets: pick what to change, read exactly what will change (how many
// assets, which fields, from what to what, how many are already so), then apply it as one audited
// operation. The target is fixed when the dialog opens; main refuses the change if the number of
// assets it names moved since the preview.
import { Button, Group, List, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import type { BulkAction, BulkActionKind, BulkChange, BulkPreview, BulkTarget } from '../../../src-shared/api/bulk-changes.js';
import { ASSET_CLASSES, ASSET_CLASS_LABELS, type AssetClass } from '../../../src-shared/model/asset-classes.js';
import { LIFECYCLE_STAGES, LIFECYCLE_STAGE_LABELS, type LifecycleStage } from '../../../src-shared/model/lifecycle-stages.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { assetsWord, describeFieldChange, parseTagsInput } from '../../lib/bulk-describe.js';
import { formatCount } from '../../lib/format.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

const ACTIONS: { value: BulkActionKind; label: string }[] = [
  { value: 'add_tags', label: 'Add or set tags' },
  { value: 'remove_tags', label: 'Remove tags' },
  { value: 'set_lifecycle_stage', label: 'Set the lifecycle stage' },
  { value: 'set_owner', label: 'Set the owner' },
  { value: 'set_class', label: 'Set the class' },
  { value: 'retire', label: 'Retire' },
];
const NO_STAGE = 'none';

interface Inputs {
  kind: BulkActionKind;
  tags: string;
  keys: string;
  stage: string;
  owner: string;
  class: string;
}

/** The action the inputs describe, or what is missing. */
function actionOf(inputs: Inputs): { action: BulkAction } | { error: string } {
  switch (inputs.kind) {
    case 'add_tags': {
      const parsed = parseTagsInput(inputs.tags);
      return 'error' in parsed ? parsed : { action: { kind: 'add_tags', tags: parsed.tags } };
    }
    case 'remove_tags': {
      const keys = inputs.keys
        .split(/[\n,]/)
        .map((k) => k.trim())
        .filter(Boolean);
      return keys.length === 0 ? { error: 'Enter the keys of the tags to remove, e.g. rack.' } : { action: { kind: 'remove_tags', keys } };
    }
    case 'set_lifecycle_stage':
      return { action: { kind: 'set_lifecycle_stage', stage: inputs.stage === NO_STAGE ? null : (inputs.stage as LifecycleStage) } };
    case 'set_owner':
      return { action: { kind: 'set_owner', owner: inputs.owner.trim() === '' ? null : inputs.owner.trim() } };
    case 'set_class':
      return { action: { kind: 'set_class', class: inputs.class as AssetClass } };
    case 'retire':
      return { action: { kind: 'retire' } };
  }
}

export interface BulkChangeDialogProps {
  target: BulkTarget;
  /** How many the selection holds as the grid counts it (the preview says exactly). */
  selected: number;
  onClose(): void;
  onApplied(change: BulkChange): void;
}

export function BulkChangeDialog({ target, selected, onClose, onApplied }: BulkChangeDialogProps) {
  const store = useAppStoreApi();
  const [inputs, setInputs] = useState<Inputs>({ kind: 'add_tags', tags: '', keys: '', stage: 'retired', owner: '', class: 'server' });
  const [debounced] = useDebouncedValue(inputs, 300);
  const built = useMemo(() => actionOf(debounced), [debounced]);
  const [preview, setPreview] = useState<{ action: BulkAction; result: BulkPreview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);

  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    if ('error' in built) return;
    let stale = false;
    void store
      .getState()
      .previewBulkChange(target, built.action)
      .then((result) => {
        if (stale) return;
        if ('error' in result) setPreviewError(result.error);
        else setPreview({ action: built.action, result: result.ok });
      });
    return () => {
      stale = true;
    };
  }, [store, target, built]);

  const set = (patch: Partial<Inputs>) => {
    setApplyError(null);
    setInputs((current) => ({ ...current, ...patch }));
  };
  const upToDate = preview !== null && inputs === debounced;

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    setApplyError(null);
    const result = await store.getState().applyBulkChange(target, preview.action, preview.result.assets);
    setBusy(false);
    if ('error' in result) setApplyError(result.error);
    else onApplied(result.ok);
  };

  const p = preview?.result;
  return (
    <Modal opened onClose={onClose} title={`Change ${assetsWord(selected)}`} size="lg" data-testid="bulk-dialog">
      <Stack gap="sm">
        <Select
          label="Change"
          data={ACTIONS}
          value={inputs.kind}
          allowDeselect={false}
          onChange={(value) => value && set({ kind: value as BulkActionKind })}
          data-testid="bulk-action"
        />
        {inputs.kind === 'add_tags' && (
          <Textarea
            label="Tags"
            description="key=value, one per line or separated by commas. An asset that has the key already gets the new value."
            placeholder="rack=A12"
            autosize
            minRows={1}
            value={inputs.tags}
            onChange={(event) => set({ tags: event.currentTarget.value })}
            data-testid="bulk-tags"
          />
        )}
        {inputs.kind === 'remove_tags' && (
          <TextInput
            label="Tag keys"
            description="Separated by commas; the tag goes whatever its value."
            value={inputs.keys}
            onChange={(event) => set({ keys: event.currentTarget.value })}
            data-testid="bulk-keys"
          />
        )}
        {inputs.kind === 'set_lifecycle_stage' && (
          <Select
            label="Lifecycle stage"
            data={[...LIFECYCLE_STAGES.map((value) => ({ value, label: LIFECYCLE_STAGE_LABELS[value] })), { value: NO_STAGE, label: 'None (clear it)' }]}
            value={inputs.stage}
            allowDeselect={false}
            onChange={(value) => value && set({ stage: value })}
            data-testid="bulk-stage"
          />
        )}
        {inputs.kind === 'set_owner' && (
          <TextInput
            label="Owner"
            description="Leave empty to clear the owner."
            value={inputs.owner}
            onChange={(event) => set({ owner: event.currentTarget.value })}
            data-testid="bulk-owner"
          />
        )}
        {inputs.kind === 'set_class' && (
          <Select
            label="Class"
            description="A person's class: it wins over what sources say, until someone changes it."
            data={ASSET_CLASSES.map((value) => ({ value, label: ASSET_CLASS_LABELS[value] }))}
            value={inputs.class}
            allowDeselect={false}
            onChange={(value) => value && set({ class: value })}
            data-testid="bulk-class"
          />
        )}
        {inputs.kind === 'retire' && (
          <Text size="sm" c="dimmed">
            Retired assets stay in the inventory with status and lifecycle stage “Retired”, and are left out of staleness.
          </Text>
        )}

        <Stack gap={4} data-testid="bulk-preview" aria-live="polite" data-ready={upToDate || undefined}>
          {'error' in built && inputs === debounced && (
            <Text size="sm" c="dimmed">
              {built.error}
            </Text>
          )}
          {previewError && <ErrorNotice title="What would change could not be worked out" message={previewError} />}
          {p && (
            <>
              <Text size="sm" fw={600} data-testid="bulk-summary" data-changing={p.changing} data-assets={p.assets}>
                {p.changing === 0
                  ? `Nothing to change: all ${assetsWord(p.assets)} already have these values.`
                  : `${assetsWord(p.changing)} of ${formatCount(p.assets)} will change${p.unchanged > 0 ? `; ${formatCount(p.unchanged)} already have these values and stay as they are` : ''}.`}
              </Text>
              <List size="sm" spacing={2}>
                {p.fields.map((field) => (
                  <List.Item key={field.field} data-testid="bulk-field">
                    {describeFieldChange(field)}
                  </List.Item>
                ))}
              </List>
              {p.missing > 0 && (
                <Text size="xs" c="orange">
                  {assetsWord(p.missing)} selected no longer exist (merged or removed since) and are left out.
                </Text>
              )}
              {p.sample.length > 0 && (
                <Text size="xs" c="dimmed">
                  For example: {p.sample.map((s) => s.name).join(', ')}
                  {p.changing > p.sample.length ? ', …' : ''}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                One audited change: it can be undone from the notice that follows, or later from “Bulk changes”, which restores exactly the values it replaced.
              </Text>
            </>
          )}
        </Stack>
        {applyError && <ErrorNotice title="The change was not applied" message={applyError} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!upToDate || !p || p.changing === 0} onClick={() => void apply()} data-testid="bulk-apply">
            {p && upToDate ? `Change ${assetsWord(p.changing)}` : 'Change'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
