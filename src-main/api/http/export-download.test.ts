// Downloading a finished export in serve mode: the real core (real SQLite, the example inventory)
// behind a real server on 127.0.0.1, fetched with and without the token.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath, startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';
import { attachmentDisposition } from './attachment-disposition.js';
import { startHttpServer, type HttpServer } from './http-server.js';

const TOKEN = 'export-download-test-token-0123456789abcdef';

describe('serve mode: export downloads', () => {
  let t: TestAppCore;
  let server: HttpServer;

  const call = async (method: string, input: unknown): Promise<Response> =>
    fetch(`${server.url}/api/call/${method}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });

  beforeAll(async () => {
    t = await startTestAppCore({ now: () => new Date('2024-05-05T00:00:00Z') });
    expect((await t.importFile(examplePath('servers.csv'), { kind: 'servers_cache' })).status).toBe('succeeded');
    server = await startHttpServer(t.core, { port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('starts an export over HTTP and streams the finished file as an attachment', async () => {
    const started = (await (await call('exports.start', { format: 'csv', sort: { field: 'name', direction: 'desc' }, columns: ['name', 'serial'] })).json()) as { result: { id: string } };
    const job = await t.core.exports.waitFor(started.result.id);
    expect(job.status).toBe('succeeded');

    const response = await fetch(`${server.url}/api/exports/${job.id}/file`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${job.fileName}"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(await readFile(t.core.exports.download(job.id)?.path ?? ''))).toBe(true);
    expect(body.toString('utf8').split('\r\n')[0]).toBe('\uFEFFName,Serial');
  });

  it('answers the uniform error shape without the token, for an unknown export, and for a path export', async () => {
    const withoutToken = await fetch(`${server.url}/api/exports/anything/file`);
    expect(withoutToken.status).toBe(401);
    expect(((await withoutToken.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    const unknown = await fetch(`${server.url}/api/exports/no-such-export/file`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/no file to download/);
    expect(body.error.requestId).toBe(unknown.headers.get('x-request-id'));

    const byPath = await call('exports.start', { format: 'csv', path: t.dir.file('elsewhere.csv') });
    expect(byPath.status).toBe(403);
  });

  it('names files safely in Content-Disposition', () => {
    expect(attachmentDisposition('fieldwise-assets-20240505-000000.xlsx')).toBe('attachment; filename="fieldwise-assets-20240505-000000.xlsx"');
    expect(attachmentDisposition('Anlagen "Süd".csv')).toBe(`attachment; filename="Anlagen _S_d_.csv"; filename*=UTF-8''Anlagen%20%22S%C3%BCd%22.csv`);
  });
});
