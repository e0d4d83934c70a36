// --reset: drop and re-create the bench database (only ever the one named in the URL).
import pg from 'pg';

export async function resetDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name) || ['postgres', 'template0', 'template1'].includes(name)) throw new Error(`refusing to reset database "${name}"`);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}"`);
  } finally {
    await c.end();
  }
}
