// The embedded database's buffer cache (ANBAO_EMBEDDED_CACHE_MB, config.ts EMBEDDED_CACHE_MB): the
// setting reaches PGlite's shared_buffers, and the default is the documented 32 MB.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../app.ts';
import { loadConfig } from '../config.ts';
import { TEST_SECRET_KEY } from '../test/constants.ts';
import { openPglite, rows } from './client.ts';

const sharedBuffers = async (db: Awaited<ReturnType<typeof openPglite>>) => (await rows<{ shared_buffers: string }>(db.db, sql`show shared_buffers`))[0].shared_buffers;

test('ANBAO_EMBEDDED_CACHE_MB sets the embedded buffer cache; 32 MB when unset', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anbao-cache-'));
  try {
    const configured = await openDatabase(loadConfig({ ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: dir, ANBAO_EMBEDDED_CACHE_MB: '8' }));
    try {
      assert.equal(await sharedBuffers(configured), '8MB');
    } finally {
      await configured.close();
    }
    const plain = await openPglite({});
    try {
      assert.equal(await sharedBuffers(plain), '32MB');
    } finally {
      await plain.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ANBAO_EMBEDDED_CACHE_MB must be a whole number of MB from 1 to 16384', () => {
  for (const bad of ['0', '-5', '1.5', 'lots', '20000']) {
    assert.throws(() => loadConfig({ ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: '.tmp/unused', ANBAO_EMBEDDED_CACHE_MB: bad }), /ANBAO_EMBEDDED_CACHE_MB/);
  }
});
