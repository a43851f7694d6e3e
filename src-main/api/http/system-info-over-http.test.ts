// system.info through serve mode with the real application core: a browser (perhaps at the far end
// of an SSH tunnel) learns what the UI shows about the installation, but not where the server keeps
// its files; local callers still get the paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemInfo } from '../../../src-shared/api/index.js';
import { startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';
import { startHttpServer, type HttpServer } from './http-server.js';

describe('system.info over serve mode', () => {
  let app: TestAppCore;
  let server: HttpServer;

  beforeAll(async () => {
    app = await startTestAppCore();
    server = await startHttpServer(app.core, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('returns no absolute path to an HTTP caller', async () => {
    const response = await fetch(`${server.url}/api/call/system.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const { result } = JSON.parse(text) as { result: unknown };
    expect(SystemInfo.parse(result)).toEqual({
      appName: 'Fieldwise',
      version: '0.0.0-test',
      dataDir: null,
      databasePath: null,
      schemaVersion: expect.any(Number),
      assetCount: 0,
    });
    expect(text).not.toContain(app.dir.path);
    expect(text).not.toMatch(/"\/|[A-Za-z]:\\\\/);
  });

  it('still tells local callers where the data is', async () => {
    const info = await app.call('system.info', {});
    expect(info.dataDir).toBe(app.core.dataDir);
    expect(info.databasePath).toContain(app.core.dataDir);
    expect((await app.call('system.info', {}, { transport: 'cli' })).dataDir).toBe(app.core.dataDir);
  });
});
