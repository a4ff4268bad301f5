/** Reads the fields of a collaborator or organisation report from a record with English or Vietnamese keys. */
import { foldDiacritics } from '../../data/text/normalize.ts';

export type ReportField =
  | 'id'
  | 'reporter'
  | 'organisation'
  | 'unit'
  | 'period'
  | 'locality'
  | 'topics'
  | 'summary'
  | 'mood'
  | 'proposals'
  | 'submitted_at'
  | 'classification'
  | 'kind'
  | 'people';

// Collaborator and organisation reports, and the registers of petitions and citizen receptions (sổ theo dõi đơn
// thư, sổ tiếp công dân) that units export: a petition is a report whose reporter is the petitioner.
const ALIASES: Record<ReportField, string[]> = {
  id: ['id', 'ma', 'ma_bao_cao', 'so_bao_cao', 'report_id', 'so_don', 'ma_don', 'so_hieu_don', 'so_vao_so'],
  reporter: [
    'reporter',
    'reporter_id',
    'collaborator',
    'nguoi_bao_cao',
    'cong_tac_vien',
    'ctv',
    'nguoi_gui',
    'nguoi_dung_don',
    'nguoi_gui_don',
    'ho_va_ten_nguoi_dung_don',
    'ho_ten_nguoi_dung_don',
    'ho_ten_cong_dan',
    'ho_va_ten',
    'ho_ten',
    'cong_dan',
  ],
  organisation: ['organisation', 'organization', 'org', 'to_chuc', 'co_quan', 'loai_bao_cao'],
  unit: [
    'unit',
    'reporting_unit',
    'unit_code',
    'don_vi',
    'don_vi_bao_cao',
    'co_quan_tiep_nhan',
    'don_vi_tiep_nhan',
    'noi_tiep_nhan',
  ],
  period: ['period', 'ky', 'ky_bao_cao', 'thang', 'month'],
  locality: [
    'locality',
    'location',
    'place',
    'dia_ban',
    'dia_phuong',
    'noi_xay_ra_vu_viec',
    'noi_xay_ra',
    'dia_diem',
    'dia_chi',
    'dia_chi_nguoi_dung_don',
  ],
  topics: ['topics', 'topic', 'chu_de', 'linh_vuc', 'linh_vuc_don'],
  summary: [
    'summary',
    'text',
    'tom_tat',
    'tom_tat_du_luan',
    'noi_dung',
    'du_luan',
    'tinh_hinh_du_luan',
    'noi_dung_don',
    'tom_tat_noi_dung',
    'tom_tat_noi_dung_don',
    'noi_dung_vu_viec',
    'noi_dung_tiep',
    'noi_dung_tiep_cong_dan',
  ],
  mood: ['mood', 'tam_trang', 'danh_gia_tam_trang', 'tam_trang_nhan_dan', 'tinh_hinh_tu_tuong'],
  proposals: ['proposals', 'kien_nghi', 'de_xuat', 'kien_nghi_de_xuat'],
  submitted_at: [
    'submitted_at',
    'date',
    'timestamp',
    'ngay_gui',
    'ngay_bao_cao',
    'ngay',
    'dau_thoi_gian',
    'ngay_nhan',
    'ngay_nhan_don',
    'ngay_tiep_nhan',
    'ngay_tiep',
    'ngay_tiep_cong_dan',
    'ngay_gui_don',
  ],
  classification: ['classification', 'do_mat', 'muc_do_mat'],
  kind: ['kind', 'loai_don', 'phan_loai_don', 'phan_loai', 'loai_vu_viec'],
  people: ['people', 'so_nguoi', 'so_luong_nguoi', 'so_nguoi_tham_gia', 'so_cong_dan'],
};

const BY_KEY = new Map<string, ReportField>();
for (const [field, keys] of Object.entries(ALIASES) as [ReportField, string[]][]) {
  for (const key of keys) BY_KEY.set(key, field);
}

/** `fieldKey('Kiến nghị, đề xuất')` → `'kien_nghi_de_xuat'`. */
export function fieldKey(name: string): string {
  return foldDiacritics(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The report field a column or JSON key stands for, or null. */
export function reportField(name: string): ReportField | null {
  return BY_KEY.get(fieldKey(name)) ?? null;
}

/** `parsePeriod('08/2025')` → `'2025-08'`; accepts YYYY-MM, MM/YYYY, "tháng 8/2025", "T8/2025"; null otherwise. */
export function parsePeriod(raw: string): string | null {
  const s = foldDiacritics(raw).replace(/\s+/g, ' ').trim();
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  let year: number;
  let month: number;
  if (m) {
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    m = /^(?:thang |t)?(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(s) ?? /^thang (\d{1,2}) nam (\d{4})$/.exec(s);
    if (!m) return null;
    month = Number(m[1]);
    year = Number(m[2]);
  }
  if (month < 1 || month > 12 || year < 1990 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

const MOODS: [number, string[]][] = [
  [2, ['phan khoi', 'rat tich cuc', 'vui mung', 'ho hoi', 'phan chan']],
  [1, ['tich cuc', 'dong tinh', 'tin tuong', 'yen tam', 'hai long', 'ung ho']],
  [0, ['on dinh', 'binh thuong', 'binh on', 'trung lap', 'quan tam', 'chu y']],
  [-1, ['lo lang', 'lo ngai', 'ban khoan', 'hoang mang', 'hoai nghi', 'bat an', 'chua dong tinh']],
  [-2, ['buc xuc', 'bat binh', 'phan doi', 'cang thang', 'gay gat', 'phan uat']],
];

/**
 * Score of an assessed mood on -2 (bức xúc) … 2 (phấn khởi); numbers -2..2 are taken as they are.
 * `moodScore('Lo lắng')` → -1; null when not recognised.
 */
export function moodScore(raw: string): number | null {
  const s = foldDiacritics(raw).replace(/\s+/g, ' ').trim();
  if (/^[-+]?\d+(?:[.,]\d+)?$/.test(s)) {
    const n = Number(s.replace(',', '.'));
    return n >= -2 && n <= 2 ? n : null;
  }
  let best: { score: number; length: number } | null = null;
  for (const [score, words] of MOODS) {
    for (const w of words) {
      if (new RegExp(`(?:^|[^a-z])${w}(?:$|[^a-z])`).test(s) && (!best || w.length > best.length)) {
        best = { score, length: w.length };
      }
    }
  }
  return best?.score ?? null;
}

const LEVELS: Record<string, number> = { thuong: 0, mat: 1, toi_mat: 2, tuyet_mat: 3 };

/** Classification 0–3 from a number or its Vietnamese name (Thường, Mật, Tối mật, Tuyệt mật); null if invalid. */
export function parseClassification(raw: string): number | null {
  const s = raw.trim();
  if (s === '') return 0;
  if (/^[0-3]$/.test(s)) return Number(s);
  return LEVELS[fieldKey(s)] ?? null;
}

const PETITION_KINDS: [string, string[]][] = [
  ['khiếu nại', ['khieu nai']],
  ['tố cáo', ['to cao']],
  ['kiến nghị, phản ánh', ['kien nghi', 'phan anh']],
];

/**
 * A petition's kind in the words of the law on complaints and denunciations: `petitionKind('Đơn khiếu nại')` →
 * 'khiếu nại'; 'tố cáo'; 'kiến nghị, phản ánh'; any other value as given (trimmed), null for none.
 */
export function petitionKind(raw: string): string | null {
  const s = foldDiacritics(raw).replace(/\s+/g, ' ').trim();
  if (s === '') return null;
  for (const [kind, words] of PETITION_KINDS) if (words.some((w) => s.includes(w))) return kind;
  return raw.replace(/\s+/g, ' ').trim();
}

/** What a report's column may name a watch topic by. */
export interface NamedWatch {
  id: string;
  name: string;
  question: string;
}

/**
 * The watch topic a column of a report file answers: one whose id the header holds as a word (`w-3`, `Câu hỏi
 * w-3`, `watch_answers.w-3`), else one whose question or name the header repeats; null for any other column.
 * `watchAnswerColumn('[w-1] Dư luận về sốt xuất huyết thế nào?', watches)` → `'w-1'`
 */
export function watchAnswerColumn(name: string, watches: readonly NamedWatch[]): string | null {
  const key = fieldKey(name);
  if (key === '') return null;
  for (const [, n] of key.matchAll(/(?:^|_)w_(\d+)(?=_|$)/g)) {
    const named = watches.find((w) => w.id === `w-${n}`);
    if (named) return named.id;
  }
  return watches.find((w) => fieldKey(w.question) === key || fieldKey(w.name) === key)?.id ?? null;
}
