import { readFileSync } from 'node:fs';
import { segmentEval, trainSegmenter } from './analytics/nlp/segment.ts';
const dev = readFileSync('/work/shared/data/vi/wordseg-udvtb-dev.txt', 'utf8').split('\n').filter(Boolean);
const train = readFileSync('/work/shared/data/vi/wordseg-udvtb-train.txt', 'utf8').split('\n').filter(Boolean);
for (const folds of [3, 5, 10, 20]) console.log(folds, segmentEval(dev, trainSegmenter(train, { folds })).f1.toFixed(4));
for (const epochs of [4, 8, 20]) console.log('ep', epochs, segmentEval(dev, trainSegmenter(train, { epochs })).f1.toFixed(4));
