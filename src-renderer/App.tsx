// The application root: theme, store, router and the signed-out screen for serve mode.
import { MantineProvider } from '@mantine/core';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout.js';
import { NotSignedIn } from './components/NotSignedIn.js';
import { AssetPage } from './features/asset/AssetPage.js';
import { DashboardPage } from './features/dashboard/DashboardPage.js';
import { DiscoveryPage } from './features/discovery/DiscoveryPage.js';
import { DiscoveryRunPage } from './features/discovery/DiscoveryRunPage.js';
import { ImportPage } from './features/import/ImportPage.js';
import { InventoryPage } from './features/inventory/InventoryPage.js';
import { RunsPage } from './features/runs/RunsPage.js';
import { SettingsPage } from './features/settings/SettingsPage.js';
import { SoftwarePage } from './features/software/SoftwarePage.js';
import { StewardshipPage } from './features/stewardship/StewardshipPage.js';
import { TopologyPage } from './features/topology/TopologyPage.js';
import type { AppStore } from './store/app-store.js';
import { StoreProvider } from './store/StoreProvider.js';
import { useAppStore } from './store/use-app-store.js';
import { colorSchemeManager, theme } from './theme.js';

function AppRoutes() {
  const signedOut = useAppStore((s) => s.system.signedOut);
  if (signedOut) return <NotSignedIn />;
  return (
    <HashRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<DashboardPage />} />
          <Route path="inventory" element={<InventoryPage />} />
          <Route path="software" element={<SoftwarePage />} />
          <Route path="assets/:id" element={<AssetPage />} />
          <Route path="review" element={<StewardshipPage />} />
          <Route path="discovery" element={<DiscoveryPage />} />
          <Route path="discovery/credentials" element={<DiscoveryPage />} />
          <Route path="discovery/history" element={<DiscoveryPage />} />
          <Route path="discovery/runs/:runId" element={<DiscoveryRunPage />} />
          <Route path="topology" element={<TopologyPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="runs" element={<RunsPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}

export function App({ store }: { store: AppStore }) {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <StoreProvider store={store}>
        <AppRoutes />
      </StoreProvider>
    </MantineProvider>
  );
}
