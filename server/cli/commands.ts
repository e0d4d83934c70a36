// CLI commands. Each returns an exit code, or null for a command that keeps running (serve).
import type { Config } from '../config.ts';
import { sealOnce } from '../platform/audit/sealer.ts';
import { verifyChain } from '../platform/audit/verify.ts';
import { syncBuiltinRoles } from '../platform/access/roles-service.ts';
import { databaseIsEmpty, seedDemo } from '../demo/seed.ts';
import { createAdmin } from './create-admin.ts';
import { demoCredentials, demoOtp, printDemoAccounts } from './demo.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { rekey } from './rekey.ts';
import { resetCredentials } from './reset-credentials.ts';
import { openRuntime } from './runtime.ts';
import { serve } from './serve.ts';

const USAGE = `anbao <command>
  serve | start          run the server (start also builds the web app if needed)
  migrate                apply database migrations
  seed-demo              seed the demo cooperative into an empty database
  create-admin --username U --name N --role sysadmin|secadmin|auditor [--org-name NAME --org-code CODE --org-kind county_union|province_union]
  verify-audit [--in-app] verify the audit hash chain (exit 0 when intact); --in-app recomputes
                         every hash in Anbao instead of in the database
  backup <file>          write every record to one portable file
  restore <file>         restore a backup into an empty database
  reset-credentials --username U [--totp]
                         one-time password (and cleared authenticator) — how administrators' credentials are reset
  rekey                  re-encrypt sensitive fields with the current ANBAO_SECRET_KEY
  demo-otp               print the demo administrators' current TOTP code`;

export async function runCli(command: string, args: string[], config: Config): Promise<number | null> {
  switch (command) {
    case 'serve':
      await serve(config);
      return null;
    case 'migrate': {
      const rt = await openRuntime(config);
      await rt.close();
      console.log('Migrations applied. / 数据库迁移已完成。');
      return 0;
    }
    case 'seed-demo': {
      const rt = await openRuntime(config);
      try {
        await syncBuiltinRoles(rt.app);
        if (!(await databaseIsEmpty(rt.app))) {
          console.error('The database already has units; the demo is only seeded into an empty database. / 数据库已有数据，不能导入演示数据。');
          return 1;
        }
        const creds = demoCredentials(config, true);
        await seedDemo(rt.app, creds);
        await sealOnce(rt.app.db, () => new Date());
        printDemoAccounts(config, creds);
        return 0;
      } finally {
        await rt.close();
      }
    }
    case 'create-admin':
      return createAdmin(config, args);
    case 'verify-audit': {
      const rt = await openRuntime(config, { migrate: false });
      try {
        await sealOnce(rt.app.db, () => new Date());
        const r = await verifyChain(rt.app.db, { recompute: args.includes('--in-app') ? 'app' : 'database' });
        const how = r.recompute === 'app' ? 'every hash recomputed in Anbao' : `hashes recomputed in the database${r.canonicalColumn ? ' from its canonical column' : ' from the columns'}, ${r.recomputedInApp} entries again in Anbao`;
        if (r.ok) {
          console.log(`Audit chain intact: ${r.checked} entries, head seq ${r.headSeq}, ${r.checkpoints} checkpoints, ${r.unsealed.count} unsealed (${r.durationMs} ms; ${how}). / 审计链完整。`);
          return 0;
        }
        const b = r.firstBroken!;
        console.error(`Audit chain BROKEN at seq ${b.seq} (entry id ${b.id ?? '-'}, ${b.reason}, ${b.action ?? ''} ${b.occurredAt ?? ''}); ${r.checked} entries verified before it. / 审计链在第 ${b.seq} 条处断裂。`);
        return 1;
      } finally {
        await rt.close();
      }
    }
    case 'backup':
      return backupCommand(config, args);
    case 'restore':
      return restoreCommand(config, args);
    case 'rekey':
      return rekey(config);
    case 'reset-credentials':
      return resetCredentials(config, args);
    case 'demo-otp':
      return demoOtp(config);
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}
