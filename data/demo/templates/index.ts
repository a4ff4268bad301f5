// The text templates of every topic in the board's taxonomy, keyed by topic id.

import type { TopicTemplates } from '../types.ts';
import { anNinh } from './an-ninh.ts';
import { anSinh } from './an-sinh.ts';
import { danTocTonGiao } from './dan-toc-ton-giao.ts';
import { datDai } from './dat-dai.ts';
import { giaCa } from './gia-ca.ts';
import { giaoDuc } from './giao-duc.ts';
import { giaoThong } from './giao-thong.ts';
import { moiTruong } from './moi-truong.ts';
import { nongNghiep } from './nong-nghiep.ts';
import { nuocSinhHoat } from './nuoc-sinh-hoat.ts';
import { thamNhung } from './tham-nhung.ts';
import { thienTai } from './thien-tai.ts';
import { thuTucHanhChinh } from './thu-tuc-hanh-chinh.ts';
import { tinDon } from './tin-don.ts';
import { yTe } from './y-te.ts';

export const TOPIC_TEMPLATES: readonly TopicTemplates[] = [
  datDai,
  moiTruong,
  giaCa,
  nongNghiep,
  yTe,
  giaoDuc,
  anNinh,
  thamNhung,
  danTocTonGiao,
  giaoThong,
  thuTucHanhChinh,
  anSinh,
  thienTai,
  nuocSinhHoat,
  tinDon,
];
