import { readFileSync } from 'node:fs';
import { trainSegmenter, parseGoldLine } from './analytics/nlp/segment.ts';
const train = readFileSync('/work/shared/data/vi/wordseg-udvtb-train.txt', 'utf8').split('\n').filter(Boolean);
const k = Number(process.argv[2] ?? 1);
const test = train.filter((_, i) => i % 5 === k), tr = train.filter((_, i) => i % 5 !== k);
const m = trainSegmenter(tr);
const missed: string[] = [], wrong: string[] = [];
for (const line of test) {
  const g = parseGoldLine(line); const p = m.joins(g.tokens);
  const spans = (j: Uint8Array) => { const out: string[] = []; let s = 0; for (let i = 0; i < g.tokens.length; i++) if (i === g.tokens.length - 1 || !j[i]) { out.push(`${s}:${i}`); s = i + 1; } return out; };
  const gs = new Set(spans(g.joins)), ps = new Set(spans(p));
  for (const x of gs) if (!ps.has(x)) { const [a, b] = x.split(':').map(Number); if (b! > a!) missed.push(g.tokens.slice(a, b! + 1).join('_')); }
  for (const x of ps) if (!gs.has(x)) { const [a, b] = x.split(':').map(Number); if (b! > a!) wrong.push(g.tokens.slice(a, b! + 1).join('_')); }
}
console.log('MISSED', missed.length, missed.join(' '));
console.log('WRONG', wrong.length, wrong.join(' '));
