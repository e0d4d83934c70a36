// A fresh, EMPTY database (no migrations) for tests that build one at a chosen migration level:
// PostgreSQL when TEST_DATABASE_URL is set (a new database, dropped by the returned cleanup), else PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../db/client.ts';
import { adminUrl } from './template.ts';

export async function freshDatabase(cleanups: (() => Promise<void>)[], pgUrl = process.env.TEST_DATABASE_URL): Promise<Database> {
  if (!pgUrl) {
    const db = await openPglite({});
    cleanups.push(() => db.close());
    return db;
  }
  const name = `anbao_fresh_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(pgUrl) });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const db = await openPostgres(adminUrl(pgUrl, name), 3);
  cleanups.push(async () => {
    await db.close();
    const a = new pg.Client({ connectionString: adminUrl(pgUrl) });
    await a.connect();
    await a.query(`drop database if exists "${name}" with (force)`);
    await a.end();
  });
  return db;
}
