// Installed software across the estate: each product with its vendor, its versions and how many
// assets run each. Every count is a door: the inventory filtered to exactly the assets behind it.
import { Anchor, Button, Group, Pagination, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconDownload, IconSearch, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SoftwareRef } from '../../../src-shared/api/inventory.js';
import type { SoftwareSortField } from '../../../src-shared/api/software.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { saveTextFile } from '../../lib/save-file.js';
import { formatCount } from '../../lib/format.js';
import { SOFTWARE_PAGE_SIZE } from '../../store/software-slice.js';
import { useAppStore, useAppStoreApi } from '../../store/use-app-store.js';

const SORT_OPTIONS: { value: SoftwareSortField; label: string }[] = [
  { value: 'name', label: 'Product' },
  { value: 'vendor', label: 'Vendor' },
  { value: 'assets', label: 'Assets' },
  { value: 'versions', label: 'Versions' },
];
const DEBOUNCE_MS = 250;

export function SoftwarePage() {
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const query = useAppStore((s) => s.software.query);
  const page = useAppStore((s) => s.software.page);
  const error = useAppStore((s) => s.software.error);
  const [search, setSearch] = useState(query.search);
  const [exportError, setExportError] = useState<string | null>(null);
  const applySearch = useDebouncedCallback((value: string) => store.getState().setSoftwareQuery({ search: value }), DEBOUNCE_MS);

  useEffect(() => {
    void store.getState().loadSoftware();
  }, [store]);

  const open = (software: SoftwareRef) => {
    store.getState().replaceInventoryFilter({ software });
    navigate('/inventory');
  };

  const download = async () => {
    setExportError(null);
    const file = await store.getState().exportSoftware();
    if ('error' in file) setExportError(file.error);
    else saveTextFile(file.fileName, file.mediaType, file.content);
  };

  const pages = page ? Math.max(1, Math.ceil(page.total / SOFTWARE_PAGE_SIZE)) : 1;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Software
        </Title>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void download()} disabled={!page || page.total === 0} data-testid="software-export">
          Export CSV
        </Button>
      </Group>
      <Group gap="xs" align="flex-end">
        <TextInput
          aria-label="Search software"
          placeholder="Search product, vendor or version"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            applySearch(e.currentTarget.value);
          }}
          w={300}
          data-testid="software-search"
        />
        <Select aria-label="Sort by" data={SORT_OPTIONS} value={query.sort.field} onChange={(value) => value && store.getState().setSoftwareQuery({ sort: { ...query.sort, field: value as SoftwareSortField } })} w={140} allowDeselect={false} />
        <Button
          variant="default"
          aria-label={query.sort.direction === 'asc' ? 'Sorted ascending; sort descending' : 'Sorted descending; sort ascending'}
          onClick={() => store.getState().setSoftwareQuery({ sort: { ...query.sort, direction: query.sort.direction === 'asc' ? 'desc' : 'asc' } })}
        >
          {query.sort.direction === 'asc' ? <IconSortAscending size={16} aria-hidden /> : <IconSortDescending size={16} aria-hidden />}
        </Button>
        {page && (
          <Text size="sm" c="dimmed" data-testid="software-total" data-total={page.total}>
            {formatCount(page.total)} products · {formatCount(page.versionTotal)} versions
          </Text>
        )}
      </Group>
      {error && <ErrorNotice title="The software list could not be loaded" message={error} onRetry={() => void store.getState().loadSoftware()} />}
      {exportError && <ErrorNotice title="The software table could not be exported" message={exportError} />}
      {page && page.total === 0 && (
        <Text c="dimmed" size="sm" data-testid="software-empty">
          {query.search.trim() ? `No installed software matches "${query.search.trim()}".` : 'No installed software yet: import a server or desktop inventory with a software column (see examples/desktops.csv).'}
        </Text>
      )}
      {page && page.total > 0 && (
        <Table striped highlightOnHover verticalSpacing={4} data-testid="software-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Vendor</Table.Th>
              <Table.Th ta="right">Assets</Table.Th>
              <Table.Th>Versions (assets)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.items.map((product) => (
              <Table.Tr key={`${product.name}\u0000${product.vendor ?? ''}`} data-testid="software-row" data-product={product.name}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {product.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={product.vendor ? undefined : 'dimmed'}>
                    {product.vendor ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    className="fw-mono"
                    onClick={() => open({ name: product.name, vendor: product.vendor })}
                    title={`Show the ${product.assets} assets running ${product.name}`}
                    data-testid="software-product-count"
                    data-count={product.assets}
                  >
                    {formatCount(product.assets)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {product.versions.map((v) => (
                      <UnstyledButton
                        key={v.version ?? ''}
                        className="fw-door"
                        onClick={() => open({ name: product.name, vendor: product.vendor, version: v.version })}
                        title={`Show the ${v.assets} assets running ${product.name} ${v.version ?? '(no version recorded)'}`}
                        data-testid="software-version-count"
                        data-version={v.version ?? ''}
                        data-count={v.assets}
                      >
                        <Text span size="xs" className="fw-mono">
                          {v.version ?? '(none)'}
                        </Text>{' '}
                        <Text span size="xs" fw={600}>
                          {formatCount(v.assets)}
                        </Text>
                      </UnstyledButton>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {page && pages > 1 && (
        <Pagination total={pages} value={Math.floor(query.offset / SOFTWARE_PAGE_SIZE) + 1} onChange={(n) => store.getState().setSoftwareQuery({ offset: (n - 1) * SOFTWARE_PAGE_SIZE })} size="sm" />
      )}
    </Stack>
  );
}
