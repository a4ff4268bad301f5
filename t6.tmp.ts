import { readFileSync, appendFileSync } from 'node:fs';
import { bundledLexicon, syllableKey } from './analytics/nlp/segment-lexicon.ts';
const lex = bundledLexicon();
const fresh = new Set<string>();
for (const line of readFileSync(process.argv[2]!, 'utf8').split('\n')) for (const w of line.split(' ')) {
  if (!w.includes('_')) continue;
  const parts = w.split('_');
  if (!parts.every((p) => /^\p{L}+$/u.test(p))) continue;
  const keys = parts.map(syllableKey);
  if (!lex.has(lex.idsOf(keys), 0, keys.length)) fresh.add(parts.map((p) => p.toLowerCase()).join(' '));
}
console.log(fresh.size, [...fresh].join('|'));
if (process.argv[3] === 'add') appendFileSync('analytics/nlp/lexicon/words.txt', `# ${process.argv[4] ?? 'news words'}\n` + [...fresh].join('\n') + '\n');
