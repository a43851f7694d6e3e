// The app shell: header (name, running jobs, theme), navigation and global shortcuts.
import { AppShell, Badge, Group, Kbd, NavLink, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconApps, IconFileImport, IconGitCompare, IconHistory, IconHome, IconListDetails, IconRadar, IconSettings, IconTopologyStar3 } from '@tabler/icons-react';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { formatCount } from '../lib/format.js';
import { requestSearchFocus } from '../lib/search-focus.js';
import { useAppStore } from '../store/use-app-store.js';
import { JobsIndicator } from './JobsIndicator.js';
import { ThemeToggle } from './ThemeToggle.js';

const NAV_ITEMS = [
  { to: '/', label: 'Home', icon: IconHome, shortcut: 'alt+0', testId: 'nav-home' },
  { to: '/inventory', label: 'Inventory', icon: IconListDetails, shortcut: 'alt+1', testId: 'nav-inventory' },
  { to: '/software', label: 'Software', icon: IconApps, shortcut: 'alt+8', testId: 'nav-software' },
  { to: '/review', label: 'Review', icon: IconGitCompare, shortcut: 'alt+2', testId: 'nav-review' },
  { to: '/discovery', label: 'Discovery', icon: IconRadar, shortcut: 'alt+3', testId: 'nav-discovery' },
  { to: '/topology', label: 'Topology', icon: IconTopologyStar3, shortcut: 'alt+4', testId: 'nav-topology' },
  { to: '/import', label: 'Import', icon: IconFileImport, shortcut: 'alt+5', testId: 'nav-import' },
  { to: '/runs', label: 'Runs', icon: IconHistory, shortcut: 'alt+6', testId: 'nav-runs' },
  { to: '/settings', label: 'Settings', icon: IconSettings, shortcut: 'alt+7', testId: 'nav-settings' },
] as const;

/** The open stewardship items, as a count next to "Review" (a door: it opens the queue). */
function ReviewCount() {
  const open = useAppStore((s) => s.stewardship.counts?.open ?? null);
  if (!open) return null;
  return (
    <Badge size="sm" variant="light" color="gray" radius="sm" data-testid="review-count-badge" data-count={open} aria-label={`${open} open review items`}>
      {formatCount(open)}
    </Badge>
  );
}

export function AppLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const focusSearch = () => {
    if (location.pathname !== '/inventory') navigate('/inventory');
    // Let the inventory page mount first when coming from another screen.
    window.setTimeout(requestSearchFocus, 0);
  };
  useHotkeys([['mod+K', focusSearch], ['/', focusSearch], ...NAV_ITEMS.map((item): [string, () => void] => [item.shortcut, () => navigate(item.to)])]);

  return (
    <AppShell header={{ height: 44 }} navbar={{ width: 180, breakpoint: 0 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={1} size="h4" fw={700}>
              Fieldwise
            </Title>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              asset inventory
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <JobsIndicator />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <Stack gap={2} justify="space-between" h="100%">
          <Stack gap={2}>
            {NAV_ITEMS.map((item) => (
              <NavLink
                key={item.to}
                component={RouterLink}
                to={item.to}
                end={item.to === '/'}
                label={item.label}
                leftSection={<item.icon size={18} aria-hidden />}
                rightSection={item.testId === 'nav-review' ? <ReviewCount /> : undefined}
                active={item.to === '/' ? location.pathname === '/' : item.to === '/inventory' ? location.pathname === '/inventory' || location.pathname.startsWith('/assets/') : location.pathname.startsWith(item.to)}
                data-testid={item.testId}
              />
            ))}
          </Stack>
          <Text size="xs" c="dimmed" px="xs">
            Search <Kbd size="xs">Ctrl</Kbd> <Kbd size="xs">K</Kbd>
          </Text>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
