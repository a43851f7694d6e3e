// Renderer entry: picks the transport, builds the store, subscribes to events once, renders the app.
import '@mantine/core/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../src-shared/api/api-client.js';
import { App } from './App.js';
import { selectTransport } from './api/select-transport.js';
import { connectStoreToEvents, createAppStore, loadInitialData } from './store/app-store.js';

const { transport } = selectTransport();
const client = createApiClient(transport);
const store = createAppStore(client);
connectStoreToEvents(store, client);
loadInitialData(store);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
