#!/usr/bin/env node
// anbao <command>: serve | start | migrate | seed-demo | create-admin | verify-audit | backup | restore | rekey | demo-otp
// Runs the server bundle (dist/server/anbao.mjs, made by `npm run build`) when it is newer than every
// source file; otherwise the TypeScript sources through tsx. `start` first rebuilds a stale bundle.
import { buildServer, bundleIsFresh, BUNDLE } from '../scripts/build-server.mjs';

let fresh = bundleIsFresh();
if (!fresh && process.argv[2] === 'start') {
  try {
    await buildServer();
    fresh = true;
  } catch (e) {
    console.error(`The server bundle could not be built (${e instanceof Error ? e.message : e}); running the sources. / 服务端打包失败，改为直接运行源码。`);
  }
}
if (fresh) {
  // Stack traces name the bundle's lines unless Node is started with --enable-source-maps
  // (NODE_OPTIONS, docs/OPERATIONS.md): reading the maps at every start cost ~0.15 s of a ~1.9 s cold
  // start (issue 4).
  await import(BUNDLE);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/main.ts');
}
