/** dlxh admin create-user and dlxh audit verify. */
import os from 'node:os';
import type { Command } from 'commander';
import { appendAudit, verifyAuditChain } from '../../data/audit.ts';
import { DlxhError } from '../../data/errors.ts';
import { ROLES, createUser } from '../../data/users.ts';
import { withContext } from '../context.ts';

async function readPassword(): Promise<string> {
  if (process.env.DLXH_PASSWORD) return process.env.DLXH_PASSWORD;
  if (process.stdin.isTTY)
    throw new DlxhError('INPUT', 'password: give it on standard input or in DLXH_PASSWORD');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password.length === 0)
    throw new DlxhError('INPUT', 'password: empty (give it on standard input or in DLXH_PASSWORD)');
  return password;
}

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('users, units and clearances');
  admin
    .command('create-user')
    .description('create a user; the password is read from standard input or DLXH_PASSWORD')
    .requiredOption('--username <name>')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--unit <uid>', 'unit uid (e.g. 24133/2025) or agency id')
    .option('--clearance <level>', '0 Thường, 1 Mật, 2 Tối mật, 3 Tuyệt mật', '0')
    .option('--name <display name>')
    .action(
      async (
        options: { username: string; role: string; unit?: string; clearance: string; name?: string },
        command: Command,
      ) => {
        const clearance = Number(options.clearance);
        if (!Number.isInteger(clearance) || clearance < 0 || clearance > 3) {
          throw new DlxhError('INPUT', `--clearance: invalid level "${options.clearance}" (0 … 3)`);
        }
        const password = await readPassword();
        await withContext(command, async (ctx) => {
          const user = await createUser(
            ctx.db,
            {
              username: options.username,
              displayName: options.name,
              role: options.role,
              unitUid: options.unit ?? null,
              clearance,
              password,
            },
            ctx.now(),
          );
          await appendAudit(
            ctx.db,
            {
              actor: `cli:${os.userInfo().username}`,
              action: 'admin.create_user',
              object: `user:${user.id}`,
              details: {
                username: user.username,
                role: user.role,
                unit: user.unit_uid,
                clearance: user.clearance,
              },
            },
            ctx.now(),
          );
          ctx.logger.info(`admin: đã tạo người dùng ${user.username} (${user.role})`);
        });
      },
    );

  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('check the hash chain of the audit log; exits non-zero when it is broken')
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, async (ctx) => {
        const result = await verifyAuditChain(ctx.db);
        if (!result.ok) {
          throw new DlxhError(
            'INPUT',
            `audit log: chain broken at entry ${result.broken?.seq}: ${result.broken?.problem}`,
          );
        }
        process.stdout.write(`audit log: ${result.entries} mục, chuỗi băm hợp lệ\n`);
      });
    });
}
