/** What runs after new documents are stored: scoring, then claim scanning (each stage added as it lands). */
import type { CommandContext } from './context.ts';

export async function afterIngest(_ctx: CommandContext, _ids: string[]): Promise<void> {}
