// "Merge with…": pick another asset by search and declare the two one thing (a force-merge decision).
// Says what will change and how to undo it before anything is sent.
import { Group, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowMerge, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { AssetSummary } from '../../../src-shared/api/inventory.js';
import { ASSET_CLASS_LABELS } from '../../../src-shared/model/asset-classes.js';
import { AssetClassIcon } from '../../components/AssetClassIcon.js';
import { ConfirmActionModal } from '../../components/ConfirmActionModal.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

export interface ForceMergeModalProps {
  asset: AssetSummary;
  opened: boolean;
  onClose: () => void;
  /** Called with the asset the two became. */
  onMerged: (assetId: string, otherName: string) => void;
}

export function ForceMergeModal({ asset, opened, onClose, onMerged }: ForceMergeModalProps) {
  const store = useAppStoreApi();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [candidates, setCandidates] = useState<AssetSummary[]>([]);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    let current = true;
    void store
      .getState()
      .findAssets(debounced)
      .then((result) => {
        if (!current) return;
        if ('error' in result) setSearchError(result.error);
        else {
          setSearchError(null);
          setCandidates(result.items.filter((item) => item.id !== asset.id));
        }
      });
    return () => {
      current = false;
    };
  }, [store, debounced, opened, asset.id]);

  const chosen = candidates.find((c) => c.id === chosenId) ?? null;
  return (
    <ConfirmActionModal
      opened={opened}
      onClose={onClose}
      title={`Merge ${asset.name} with another asset`}
      confirmLabel="Merge the two assets"
      confirmIcon={<IconArrowMerge size={16} aria-hidden />}
      withReason
      disabled={chosen === null}
      testId="force-merge-modal"
      onConfirm={async (reason) => {
        if (!chosen) return 'Choose the asset to merge with first.';
        const result = await store.getState().forceMergeAssets(asset.id, chosen.id, reason || undefined);
        if ('error' in result) return result.error;
        onMerged(result.ok.assetId, chosen.name);
        return null;
      }}
    >
      <Stack gap="xs">
        <TextInput
          label="Find the other asset"
          description="Name, host name, IP, MAC or serial"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-autofocus
          data-testid="merge-search"
        />
        {searchError && (
          <Text size="sm" c="red">
            Search failed: {searchError}
          </Text>
        )}
        <ScrollArea.Autosize mah={220} type="auto">
          <Radio.Group value={chosenId} onChange={setChosenId} aria-label="Asset to merge with">
            <Stack gap={4}>
              {candidates.length === 0 && (
                <Text size="sm" c="dimmed">
                  No other asset matches.
                </Text>
              )}
              {candidates.map((candidate) => (
                <Radio
                  key={candidate.id}
                  value={candidate.id}
                  data-testid="merge-candidate"
                  data-name={candidate.name}
                  label={
                    <Group gap={6} wrap="nowrap">
                      <AssetClassIcon assetClass={candidate.class} size={14} />
                      <Text size="sm">{candidate.name}</Text>
                      <Text size="xs" c="dimmed">
                        {ASSET_CLASS_LABELS[candidate.class]} · {[candidate.primaryIp, candidate.serial].filter(Boolean).join(' · ') || 'no IP or serial'}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Radio.Group>
        </ScrollArea.Autosize>
        <Text size="sm" data-testid="merge-consequence">
          {chosen
            ? `${asset.name} and ${chosen.name} will become one asset, with the fields each source gave ranked as usual (its id may change). A force-merge decision is recorded and audited; every later import keeps them together. Undo by revoking the decision under “Why is this one asset”.`
            : 'Choose the asset that is the same physical or virtual thing as this one.'}
        </Text>
      </Stack>
    </ConfirmActionModal>
  );
}
