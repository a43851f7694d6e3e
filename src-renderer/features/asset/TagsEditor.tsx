// Tags as key=value pairs: add, remove, then save (assets.tags.replace). Unsaved changes are marked.
import { ActionIcon, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { Tag } from '../../../src-shared/api/inventory.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAppStoreApi } from '../../store/use-app-store.js';

const sameTags = (a: readonly Tag[], b: readonly Tag[]) => a.length === b.length && a.every((t, i) => t.key === b[i]?.key && t.value === b[i]?.value);

export function TagsEditor({ assetId, tags }: { assetId: string; tags: readonly Tag[] }) {
  const store = useAppStoreApi();
  const [draft, setDraft] = useState<Tag[]>([...tags]);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  useEffect(() => setDraft([...tags]), [tags]);
  const dirty = !sameTags(draft, tags);

  function add(event: FormEvent) {
    event.preventDefault();
    const trimmedKey = key.trim();
    if (!trimmedKey) {
      setError('Enter a tag key (for example “site” or “owner”), then an optional value.');
      return;
    }
    setError(null);
    // One value per key: adding an existing key replaces its value.
    setDraft((d) => [...d.filter((t) => t.key !== trimmedKey), { key: trimmedKey, value: value.trim() }]);
    setKey('');
    setValue('');
    setSavedAt(null);
  }

  async function save() {
    setSaving(true);
    const failure = await store.getState().saveAssetTags(assetId, draft);
    setSaving(false);
    setError(failure);
    if (!failure) setSavedAt(Date.now());
  }

  return (
    <Stack gap="xs" data-testid="tags-editor">
      <Group gap={6}>
        {draft.length === 0 && (
          <Text size="sm" c="dimmed">
            No tags.
          </Text>
        )}
        {draft.map((tag) => (
          <Badge
            key={tag.key}
            variant="default"
            tt="none"
            size="lg"
            radius="sm"
            data-testid="tag"
            className="fw-tag-badge"
            title={tag.value ? `${tag.key}=${tag.value}` : tag.key}
            rightSection={
              <ActionIcon size="xs" variant="transparent" color="gray" aria-label={`Remove tag ${tag.key}`} onClick={() => { setDraft((d) => d.filter((t) => t.key !== tag.key)); setSavedAt(null); }}>
                <IconX size={12} />
              </ActionIcon>
            }
          >
            {tag.value ? `${tag.key}=${tag.value}` : tag.key}
          </Badge>
        ))}
      </Group>
      <form onSubmit={add}>
        <Group gap={6} align="flex-end" wrap="nowrap">
          <TextInput aria-label="Tag key" placeholder="key" value={key} onChange={(e) => setKey(e.currentTarget.value)} size="xs" w={120} data-testid="tag-key-input" />
          <Text size="sm" c="dimmed">
            =
          </Text>
          <TextInput aria-label="Tag value" placeholder="value" value={value} onChange={(e) => setValue(e.currentTarget.value)} size="xs" style={{ flex: 1 }} data-testid="tag-value-input" />
          <Button type="submit" size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} data-testid="tag-add">
            Add
          </Button>
        </Group>
      </form>
      <Group gap="xs">
        <Button size="xs" onClick={save} disabled={!dirty} loading={saving} data-testid="tags-save">
          Save tags
        </Button>
        {dirty && (
          <>
            <Button size="xs" variant="subtle" color="gray" onClick={() => setDraft([...tags])}>
              Discard changes
            </Button>
            <Text size="xs" c="dimmed">
              Unsaved changes
            </Text>
          </>
        )}
        {!dirty && savedAt !== null && (
          <Text size="xs" c="dimmed" data-testid="tags-saved">
            Saved
          </Text>
        )}
      </Group>
      {error && <ErrorNotice title="Tags not saved" message={error} />}
    </Stack>
  );
}
