/** dlxh backup DIR / dlxh restore DIR: a checksummed Parquet snapshot of the database, and its way back. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { backupDatabase, restoreDatabase, verifyBackup } from '../../data/backup.ts';
import { stderrLogger } from '../../data/logger.ts';
import { SECRET_ENV } from '../../data/pseudonym.ts';
import { loadConfig } from '../config.ts';
import { globalOptions, withContext } from '../context.ts';

const COUNT = new Intl.NumberFormat('vi-VN');

/** The database path as every other command resolves it: --db, else the config's `db`, else the default. */
function databasePath(command: Command): string {
  const globals = globalOptions(command);
  const config = loadConfig(globals.config);
  return command.getOptionValueSource('db') === 'default' && config.db ? config.db : globals.db;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <dir>')
    .description(
      'consistent snapshot into a new folder: Parquet per table, schema.sql, manifest with SHA-256',
    )
    .option('--json', 'print the manifest on stdout')
    .action(async (dir: string, options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ db, dbPath, logger, now }) => {
        const manifest = await backupDatabase(db, dir, now());
        const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
        if (options.json) process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
        logger.info(
          `sao lưu ${dbPath} → ${dir}: ${manifest.tables.length} bảng, ${COUNT.format(rows)} dòng, ${COUNT.format(manifest.audit?.rows ?? 0)} mục nhật ký kiểm toán, lúc ${manifest.created_at}`,
        );
        logger.warn(
          `the pseudonym secret (${dbPath}.secret or ${SECRET_ENV}) is not in the backup; keep a copy of it apart`,
        );
        if (manifest.archive) {
          logger.warn(
            `${manifest.archive.files} archived Parquet files in ${manifest.archive.root} are not in the backup; back that folder up too`,
          );
        }
      });
    });
  program
    .command('restore <dir>')
    .description('verify a backup and restore it into the --db file (missing or empty; --force replaces it)')
    .option('--force', 'replace a database that already holds tables')
    .option('--verify-only', 'only check the backup’s checksums')
    .action(async (dir: string, options: { force?: boolean; verifyOnly?: boolean }, command: Command) => {
      const logger = stderrLogger();
      if (options.verifyOnly) {
        const manifest = verifyBackup(dir);
        logger.info(
          `${dir}: ${manifest.files.length} tệp khớp checksum (sao lưu lúc ${manifest.created_at})`,
        );
        return;
      }
      const target = databasePath(command);
      const report = await restoreDatabase(dir, target, { force: options.force });
      logger.info(
        `khôi phục ${dir} → ${target}: ${report.tables} bảng, ${COUNT.format(report.rows)} dòng, ${COUNT.format(report.audit.entries)} mục nhật ký kiểm toán${report.replaced ? ' (thay thế cơ sở dữ liệu cũ)' : ''}`,
      );
      if (!report.audit.ok)
        logger.warn(
          `the restored audit log's hash chain does not verify (it did not in the backup either): run dlxh audit verify`,
        );
      if (!process.env[SECRET_ENV] && !fs.existsSync(`${target}.secret`)) {
        logger.warn(
          `copy the pseudonym secret of the original database to ${target}.secret (mode 0600) or set ${SECRET_ENV}; without it new pseudonyms will not match the restored ones`,
        );
      }
    });
}
