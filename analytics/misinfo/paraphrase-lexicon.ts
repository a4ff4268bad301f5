// Words and phrases that say the same thing in claims and rumours, written for dlxh: each group's variants are read
// as its canonical form before matching, so "con nít" meets "trẻ em" and "cúp điện" meets "cắt điện".
import { PhraseMatcher } from './phrase-matcher.ts';
import type { Syllable } from './phrase-matcher.ts';
import { foldWord } from './claim-tokens.ts';
import { normalizeText } from '../../data/text/normalize.ts';

/**
 * Canonical form → the variants read as it (spelling variants, regional words, synonyms, common paraphrases). A
 * one-syllable variant with diacritics is read only where it is written with them ("sập", never bare "sap", which is
 * also "sắp"); a variant written bare ("chet", "ngung") is the diacritic-free spelling of an unambiguous syllable.
 */
export const PARAPHRASES: Readonly<Record<string, readonly string[]>> = {
  // people
  'trẻ em': ['trẻ con', 'con nít', 'con nít con nôi', 'trẻ nhỏ', 'con trẻ', 'cháu bé', 'em bé', 'các cháu'],
  'trẻ em gái': ['bé gái', 'con gái', 'các em gái'],
  'người dân': ['bà con', 'nhân dân', 'dân chúng', 'người dân địa phương'],
  'bệnh nhân': ['người bệnh', 'bệnh nhi'],
  'giáo viên': ['thầy cô', 'thầy cô giáo', 'cô giáo', 'thầy giáo', 'nhà giáo'],
  'học sinh': ['học trò', 'các em học sinh'],
  'nhà nước': ['chính phủ', 'chính quyền', 'cơ quan chức năng', 'nhà chức trách'],
  'doanh nghiệp': ['công ty', 'tập đoàn', 'nhà đầu tư'],
  // life and death
  'tử vong': [
    'chết',
    'thiệt mạng',
    'tử nạn',
    'qua đời',
    'mất mạng',
    'bỏ mạng',
    'cướp đi sinh mạng',
    'thương vong',
    'chet',
  ],
  'sơ tán': ['di tản', 'di dời', 'chạy lũ'],
  'nhiễm độc': ['nhiễm chất độc', 'bị đầu độc', 'đầu độc', 'có chất độc', 'nhiễm độc tố'],
  'ô nhiễm': ['nhiễm bẩn', 'ô nhiễm môi trường'],
  'vô sinh': ['hiếm muộn', 'không thể có con', 'mất khả năng sinh sản'],
  'vắc xin': ['vắc-xin', 'vaccine', 'vacxin', 'vacin', 'vac xin'],
  dịch: ['dịch bệnh', 'bệnh dịch'],
  'hết thuốc': ['thiếu thuốc', 'cạn thuốc', 'không còn thuốc'],
  // things and places
  'ô tô': ['xe hơi', 'xe ô tô', 'xe con', 'oto', 'ôtô'],
  'xe máy': ['xe gắn máy', 'mô tô', 'xe mô tô'],
  'phương tiện': ['xe cộ', 'các loại xe', 'các loại phương tiện', 'phương tiện giao thông'],
  'trâu bò': ['gia súc', 'đàn gia súc'],
  hổ: ['cọp', 'hùm', 'con hổ'],
  lợn: ['heo'],
  'sổ đỏ': [
    'giấy chứng nhận quyền sử dụng đất',
    'giấy chứng nhận quyền sử dụng đất ở',
    'sổ hồng',
    'bìa đỏ',
    'giấy đỏ',
    'sổ đất',
  ],
  'căn cước': ['căn cước công dân', 'thẻ căn cước', 'cccd', 'chứng minh thư', 'chứng minh nhân dân', 'cmnd'],
  'sân bay': ['cảng hàng không', 'phi trường'],
  'đường băng': ['đường cất hạ cánh'],
  'cây xăng': ['trạm xăng', 'cửa hàng xăng dầu', 'cây xăng dầu', 'bơm xăng'],
  'xăng dầu': ['xăng', 'xang'],
  'đất rẫy': ['rẫy', 'nương rẫy', 'đất nương', 'đất nương rẫy'],
  'nơi công cộng': ['chỗ đông người', 'nơi đông người', 'chỗ công cộng', 'nơi công cộng đông người'],
  'giấy tờ': ['hồ sơ', 'thủ tục giấy tờ'],
  'Đắk Lắk': ['Daklak', 'Dak Lak', 'Đắc Lắc'],
  'Buôn Ma Thuột': ['Ban Mê Thuột', 'Ban Mê'],
  nghìn: ['ngàn'],
  // actions
  'sáp nhập': ['sát nhập', 'sắp xếp đơn vị hành chính', 'nhập tỉnh'],
  'phản ánh': ['phản ảnh'],
  'đền bù': ['bồi thường'],
  'bắt giữ': ['bắt giam', 'tạm giữ', 'tạm giam', 'bắt nhốt'],
  'đăng bài': ['đăng tin', 'đăng status', 'đăng facebook', 'viết bài', 'đăng clip'],
  ngừng: ['ngưng', 'dừng', 'tạm ngừng', 'tạm dừng', 'dừng hẳn', 'ngung'],
  'cắt điện': ['cúp điện', 'mất điện', 'ngắt điện', 'cắt điện luân phiên'],
  'bảo trì': ['bảo dưỡng', 'duy tu'],
  'liên tục': ['liền', 'liên tiếp', 'liền liền'],
  'phá sản': ['vỡ nợ', 'sụp đổ', 'mất khả năng thanh toán'],
  'nộp tiền': ['đóng tiền', 'góp tiền', 'chung tiền'],
  phí: ['lệ phí', 'tiền phí'],
  'thu hồi': ['lấy lại', 'tịch thu', 'trưng thu'],
  'tấn công': ['vồ', 'cắn chết'],
  'trả về': ['trả lại', 'trả hàng', 'bị trả'],
  'tăng trọng lượng': ['nặng ký', 'tăng cân', 'tăng khối lượng', 'cho nặng'],
  ngập: ['nhấn chìm', 'ngập lụt', 'ngập trắng', 'chìm trong nước'],
  lũ: ['lũ lụt', 'lụt', 'nước lũ', 'lut'],
  'động đất': ['địa chấn', 'rung chấn'],
  giảm: ['rớt', 'sụt', 'tụt', 'giảm mạnh'],
  cắt: ['cắt giảm', 'cắt bớt', 'giảm bớt'],
  'tuyển dụng': ['tuyển', 'tuyển mới'],
  // read as themselves, so that a shorter variant inside them is not: "tuyển sinh" is not "tuyển dụng sinh"
  'tuyển sinh': [],
  'nông dân': [],
  'thi tuyển': [],
  'bắt buộc': ['buộc phải', 'bắt phải'],
  'nứt gãy': ['gãy', 'nứt', 'sập', 'đổ sập', 'gãy đôi'],
  'xả thải': ['xả nước thải', 'xả chất thải', 'thải ra'],
  mua: ['thu mua'],
};

interface Canonical {
  folded: string[];
  exact: string[];
}

const canonical = new Map<string, Canonical>();
for (const form of Object.keys(PARAPHRASES)) {
  const exact = normalizeText(form).toLowerCase().split(/\s+/);
  canonical.set(form, { exact, folded: exact.flatMap((s) => foldWord(s)) });
}
// A form reads as itself too, so that it wins over a shorter variant inside it ("cắt điện" over "cắt").
const matcher = new PhraseMatcher(
  Object.fromEntries(Object.entries(PARAPHRASES).map(([form, variants]) => [form, [form, ...variants]])),
);
const hasDiacritics = (phrase: string) => [...phrase].some((ch) => ch.charCodeAt(0) > 0x7f);

/**
 * The stream with every variant replaced by its canonical form (the longest variant wins where several start at one
 * syllable; variants never overlap).
 * `canonicalSyllables(syllableStream(claimTokens('con nít')))` → syllables of "trẻ em".
 */
export function canonicalSyllables(stream: readonly (Syllable | null)[]): (Syllable | null)[] {
  // A single bare syllable is too ambiguous to rewrite ("dung" is dùng, đúng or dừng).
  const hits = matcher
    .find(stream)
    .filter((h) => h.to - h.from > 1 || stream[h.from]!.exact !== null || !hasDiacritics(h.phrase));
  if (hits.length === 0) return [...stream];
  const longest = new Map<number, (typeof hits)[number]>();
  for (const hit of hits) {
    const current = longest.get(hit.from);
    if (!current || hit.to > current.to) longest.set(hit.from, hit);
  }
  const out: (Syllable | null)[] = [];
  for (let i = 0; i < stream.length;) {
    const hit = longest.get(i);
    if (!hit) {
      out.push(stream[i]!);
      i++;
      continue;
    }
    const form = canonical.get(hit.cue)!;
    const token = stream[i]!.token;
    form.folded.forEach((folded, k) => out.push({ folded, exact: form.exact[k] ?? null, token }));
    i = hit.to;
  }
  return out;
}
