// The annual thematic survey on land compensation: a stratified two-stage cluster sample, as a Kobo export.

import { foldDiacritics } from '../text/normalize.ts';
import { toLocalIso } from '../time.ts';
import { addDays } from '../time.ts';
import { localMidnight } from './calendar.ts';
import type { Place, PlaceModel } from './places.ts';
import { compareText, type Rng } from './prng.ts';
import { expand } from './template.ts';
import type { DemoSurvey, SurveyQuestion } from './types.ts';

interface Stratum {
  code: string;
  label: string;
  area: 'dl' | 'py';
  urban: boolean;
  /** Adults (18+) in the stratum, the design's population. */
  population: number;
  clusters: number;
  /** Mean satisfaction shift of the stratum on the latent scale. */
  shift: number;
}

const STRATA: readonly Stratum[] = [
  {
    code: 'dl_do_thi',
    label: 'Đắk Lắk cũ - đô thị',
    area: 'dl',
    urban: true,
    population: 428_000,
    clusters: 6,
    shift: 0.15,
  },
  {
    code: 'dl_nong_thon',
    label: 'Đắk Lắk cũ - nông thôn',
    area: 'dl',
    urban: false,
    population: 946_000,
    clusters: 18,
    shift: -0.2,
  },
  {
    code: 'py_do_thi',
    label: 'Phú Yên cũ - đô thị',
    area: 'py',
    urban: true,
    population: 236_000,
    clusters: 5,
    shift: 0.25,
  },
  {
    code: 'py_nong_thon',
    label: 'Phú Yên cũ - nông thôn',
    area: 'py',
    urban: false,
    population: 384_000,
    clusters: 11,
    shift: 0,
  },
];

const PER_CLUSTER = 20;

const LIKERT = [
  { code: '1', label: 'Rất không đồng ý' },
  { code: '2', label: 'Không đồng ý' },
  { code: '3', label: 'Phân vân' },
  { code: '4', label: 'Đồng ý' },
  { code: '5', label: 'Rất đồng ý' },
];

const DIFFICULTIES = [
  { code: 'gia_thap', label: 'Giá bồi thường thấp hơn giá thị trường', base: 0.55 },
  { code: 'cham_chi_tra', label: 'Chậm chi trả tiền bồi thường', base: 0.3 },
  { code: 'thieu_thong_tin', label: 'Thiếu thông tin về phương án, quy hoạch', base: 0.35 },
  { code: 'kiem_dem_sai', label: 'Kiểm đếm tài sản, cây trồng chưa chính xác', base: 0.2 },
  { code: 'tdc_kem', label: 'Khu tái định cư chưa bảo đảm điều kiện sống', base: 0.18 },
  { code: 'khong_doi_thoai', label: 'Chính quyền ít đối thoại với người dân', base: 0.22 },
  { code: 'khac', label: 'Khác', base: 0.04 },
];

const LIKERT_ITEMS = [
  {
    column: 'danh_gia/cong_khai',
    label: 'Phương án bồi thường, hỗ trợ được công khai, minh bạch',
    offset: 0.35,
  },
  { column: 'danh_gia/gia_boi_thuong', label: 'Giá bồi thường phù hợp với giá thị trường', offset: -0.7 },
  { column: 'danh_gia/doi_thoai', label: 'Chính quyền lắng nghe, đối thoại với người dân', offset: 0.05 },
  {
    column: 'danh_gia/tai_dinh_cu',
    label: 'Khu tái định cư bảo đảm điều kiện sống bằng hoặc tốt hơn nơi ở cũ',
    offset: -0.2,
  },
  {
    column: 'danh_gia/hai_long_chung',
    label: 'Nhìn chung, anh/chị hài lòng với công tác bồi thường, GPMB ở địa phương',
    offset: -0.05,
  },
];

const ETHNICITY: Record<string, readonly [string, number][]> = {
  dl_do_thi: [
    ['kinh', 84],
    ['ede', 11],
    ['khac', 5],
  ],
  dl_nong_thon: [
    ['kinh', 63],
    ['ede', 20],
    ['mnong', 5],
    ['jrai', 3],
    ['tay_nung', 5],
    ['khac', 4],
  ],
  py_do_thi: [
    ['kinh', 96],
    ['cham', 2],
    ['khac', 2],
  ],
  py_nong_thon: [
    ['kinh', 88],
    ['cham', 5],
    ['ede', 4],
    ['khac', 3],
  ],
};

const OPEN_NEGATIVE = [
  'Đề nghị [tăng giá bồi thường|định giá lại đất] [sát giá thị trường|cho phù hợp thực tế], [giá hiện nay quá thấp|dân thiệt thòi].',
  '[Cần|Mong] chính quyền [công khai|niêm yết] [phương án bồi thường|quy hoạch] [rõ ràng|sớm hơn] để dân biết.',
  '[Chi trả tiền|Trả tiền đền bù] [quá chậm|chậm], [có hộ chờ cả năm|dân chờ mòn mỏi].',
  '[Khu tái định cư|Chỗ tái định cư] [chưa có điện nước|xa chỗ làm ăn], [không ai muốn về ở|dân không muốn chuyển].',
  '[Cán bộ|Chính quyền] [phải|nên] [xuống đối thoại trực tiếp|lắng nghe dân] [chứ đừng|không nên] [chỉ ra thông báo|áp đặt].',
  'Kiểm đếm [cây cà phê, sầu riêng|cây trồng] [thiếu|chưa đúng], [đề nghị kiểm đếm lại|cần làm lại cho chính xác].',
];
const OPEN_POSITIVE = [
  '[Cán bộ|Tổ công tác] [làm việc tận tình|nhiệt tình], [công khai|minh bạch], [dân tin tưởng|tôi đồng tình].',
  '[Ủng hộ|Đồng tình] [làm đường|dự án] vì [lợi ích chung|đi lại thuận tiện hơn], [chỉ mong|mong] [đền bù thỏa đáng|chi trả đúng hạn].',
  '[Nhìn chung|Cơ bản] [làm tốt|ổn], [cần phát huy|nên tiếp tục như vậy].',
];
const OPEN_NEUTRAL = [
  'Không có ý kiến.',
  'Không ý kiến',
  'Chưa có ý kiến gì thêm.',
  '[Mong|Hy vọng] [dự án sớm hoàn thành|làm đúng quy định].',
];

function choice(code: string, label: string) {
  return { code, label };
}

/** The survey's questions, in column order (the XLSForm a Kobo project would have). */
export function surveyQuestions(places: readonly Place[]): SurveyQuestion[] {
  return [
    { column: 'start', label: 'Thời điểm bắt đầu', type: 'start' },
    { column: 'end', label: 'Thời điểm kết thúc', type: 'end' },
    { column: 'today', label: 'Ngày phỏng vấn', type: 'today' },
    {
      column: 'thong_tin/tinh_cu',
      label: 'Địa bàn thuộc tỉnh (trước 1/7/2025)',
      type: 'select_one',
      choices: [choice('dak_lak_cu', 'Đắk Lắk cũ'), choice('phu_yen_cu', 'Phú Yên cũ')],
    },
    {
      column: 'thong_tin/xa',
      label: 'Xã, phường',
      type: 'select_one',
      choices: places.map((p) => choice(p.unit.code, p.unit.name)),
    },
    {
      column: 'thong_tin/khu_vuc',
      label: 'Khu vực',
      type: 'select_one',
      choices: [choice('do_thi', 'Đô thị'), choice('nong_thon', 'Nông thôn')],
    },
    {
      column: 'thong_tin/gioi_tinh',
      label: 'Giới tính',
      type: 'select_one',
      choices: [choice('nam', 'Nam'), choice('nu', 'Nữ')],
    },
    {
      column: 'thong_tin/nhom_tuoi',
      label: 'Nhóm tuổi',
      type: 'select_one',
      choices: [
        choice('18_29', '18-29'),
        choice('30_44', '30-44'),
        choice('45_59', '45-59'),
        choice('60_tro_len', '60 trở lên'),
      ],
    },
    {
      column: 'thong_tin/dan_toc',
      label: 'Dân tộc',
      type: 'select_one',
      choices: [
        choice('kinh', 'Kinh'),
        choice('ede', 'Ê Đê'),
        choice('mnong', 'M’nông'),
        choice('jrai', 'Gia Rai'),
        choice('tay_nung', 'Tày, Nùng'),
        choice('cham', 'Chăm'),
        choice('khac', 'Khác'),
      ],
    },
    {
      column: 'thong_tin/nghe_nghiep',
      label: 'Nghề nghiệp chính',
      type: 'select_one',
      choices: [
        choice('nong_dan', 'Nông dân'),
        choice('cong_nhan', 'Công nhân, lao động tự do'),
        choice('kinh_doanh', 'Kinh doanh, buôn bán'),
        choice('can_bo', 'Cán bộ, công chức, viên chức'),
        choice('huu_tri', 'Hưu trí, nội trợ'),
        choice('khac', 'Khác'),
      ],
    },
    {
      column: 'gpmb/bi_anh_huong',
      label: 'Trong 5 năm qua, gia đình anh/chị có đất bị thu hồi để thực hiện dự án không?',
      type: 'select_one',
      choices: [choice('co', 'Có'), choice('khong', 'Không')],
    },
    {
      column: 'gpmb/nguon_tin',
      label: 'Anh/chị biết thông tin về công tác bồi thường, GPMB chủ yếu qua đâu?',
      type: 'select_one',
      choices: [
        choice('loa_xa', 'Loa truyền thanh'),
        choice('hop_thon', 'Họp thôn, tổ dân phố'),
        choice('bao_chi', 'Báo chí, truyền hình'),
        choice('mang_xa_hoi', 'Mạng xã hội'),
        choice('nguoi_quen', 'Người quen, hàng xóm'),
      ],
    },
    ...LIKERT_ITEMS.map((item): SurveyQuestion => ({
      column: item.column,
      label: item.label,
      type: 'select_one',
      choices: LIKERT,
    })),
    {
      column: 'van_de/kho_khan',
      label: 'Theo anh/chị, công tác bồi thường, GPMB ở địa phương còn những hạn chế nào? (chọn nhiều)',
      type: 'select_multiple',
      choices: [...DIFFICULTIES.map((d) => choice(d.code, d.label)), choice('khong_co', 'Không có hạn chế')],
    },
    {
      column: 'y_kien/de_xuat',
      label: 'Anh/chị có kiến nghị, đề xuất gì về công tác bồi thường, GPMB?',
      type: 'text',
    },
    { column: 'mau/tang', label: 'Tầng mẫu', type: 'calculate' },
    { column: 'mau/cum', label: 'Cụm mẫu (mã xã, phường)', type: 'calculate' },
    { column: 'mau/trong_so', label: 'Trọng số thiết kế', type: 'calculate' },
  ];
}

const META_COLUMNS = [
  '_id',
  '_uuid',
  '_submission_time',
  '_validation_status',
  '_status',
  '_submitted_by',
  '__version__',
  '_index',
];

function uuid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + rng.int(0, 3)).toString(16)}${hex(3)}-${hex(12)}`;
}

/** Systematic PPS sample of `k` places (by their weights), in random order of the frame. */
function ppsSample(frame: Place[], k: number, rng: Rng): { place: Place; probability: number }[] {
  const total = frame.reduce((sum, p) => sum + p.weight, 0);
  const step = total / k;
  const certain = frame.filter((p) => p.weight >= step);
  if (certain.length > 0) {
    const rest = ppsSample(
      frame.filter((p) => p.weight < step),
      k - certain.length,
      rng,
    );
    return [...certain.map((place) => ({ place, probability: 1 })), ...rest];
  }
  const order = rng.shuffle([...frame]);
  const picks: { place: Place; probability: number }[] = [];
  let target = rng.next() * step;
  let cumulative = 0;
  for (const place of order) {
    cumulative += place.weight;
    while (target < cumulative && picks.length < k) {
      picks.push({ place, probability: (k * place.weight) / total });
      target += step;
    }
  }
  return picks;
}

function pickWeighted<T extends string>(options: readonly (readonly [T, number])[], rng: Rng): T {
  return options[rng.weightedIndex(options.map((o) => o[1]))]![0];
}

function likert(latent: number, offset: number, clusterEffect: number, rng: Rng): string {
  const value = 3 + latent + offset + clusterEffect + 0.75 * rng.normal();
  return String(Math.min(5, Math.max(1, Math.round(value))));
}

/**
 * `Khảo sát dư luận về công tác bồi thường, GPMB`: 40 communes drawn with probability proportional to size
 * within four strata (former province × urban/rural), up to 20 adults interviewed in each (some refuse);
 * a respondent's design weight, 1/π(commune) × (commune adults / interviews), is written beside the answers.
 */
export function generateSurvey(rng: Rng, model: PlaceModel, startDate: string, days: number): DemoSurvey {
  const year = startDate.slice(0, 4);
  const fieldStart = addDays(startDate, Math.min(days - 1, Math.round(days * 0.35)));
  const fieldDays = Math.max(1, Math.min(14, days - Math.round(days * 0.35)));
  const fieldEnd = addDays(fieldStart, fieldDays - 1);
  const questions = surveyQuestions(model.places);
  const columns = [...questions.map((q) => q.column), ...META_COLUMNS];
  const records: { submitted: number; cells: Record<string, string> }[] = [];
  const version = `v${uuid(rng).replace(/-/g, '').slice(0, 22)}`;
  let nextId = 40_000_000 + rng.int(0, 999_999);

  for (const stratum of STRATA) {
    const frame = model.places.filter((p) => p.area === stratum.area && p.urban === stratum.urban);
    const sample = ppsSample(frame, Math.min(stratum.clusters, frame.length), rng);
    const frameWeight = frame.reduce((sum, p) => sum + p.weight, 0);
    for (const { place, probability } of sample) {
      const clusterEffect = 0.35 * rng.normal();
      const clusterPopulation = (stratum.population * place.weight) / frameWeight;
      const interviewed = PER_CLUSTER - (rng.chance(0.4) ? rng.int(1, 3) : 0);
      const weight =
        clusterPopulation / probability / interviewed / sample.filter((s) => s.place === place).length;
      const enumerator = `dtv${String(rng.int(1, 24)).padStart(2, '0')}`;
      const day = addDays(fieldStart, rng.int(0, fieldDays - 1));
      for (let r = 0; r < interviewed; r++) {
        const affected = rng.chance(stratum.urban ? 0.18 : 0.32);
        const latent = stratum.shift + (affected ? -0.55 : 0.1) + 0.6 * rng.normal();
        const startMs = localMidnight(day) + (7 * 3600 + rng.int(0, 10 * 3600)) * 1000 + rng.int(0, 999);
        const endMs = startMs + rng.int(9 * 60, 35 * 60) * 1000 + rng.int(0, 999);
        const submitted = endMs + rng.int(5 * 60, 9 * 3600) * 1000;
        const cells: Record<string, string> = {
          start: isoWithMillis(startMs),
          end: isoWithMillis(endMs),
          today: day,
          'thong_tin/tinh_cu': stratum.area === 'dl' ? 'dak_lak_cu' : 'phu_yen_cu',
          'thong_tin/xa': place.unit.code,
          'thong_tin/khu_vuc': stratum.urban ? 'do_thi' : 'nong_thon',
          'thong_tin/gioi_tinh': rng.chance(0.52) ? 'nam' : 'nu',
          'thong_tin/nhom_tuoi': pickWeighted(
            [
              ['18_29', 22],
              ['30_44', 33],
              ['45_59', 28],
              ['60_tro_len', 17],
            ],
            rng,
          ),
          'thong_tin/dan_toc': pickWeighted(ETHNICITY[stratum.code]!, rng),
          'thong_tin/nghe_nghiep': stratum.urban
            ? pickWeighted(
                [
                  ['nong_dan', 8],
                  ['cong_nhan', 26],
                  ['kinh_doanh', 28],
                  ['can_bo', 16],
                  ['huu_tri', 17],
                  ['khac', 5],
                ],
                rng,
              )
            : pickWeighted(
                [
                  ['nong_dan', 62],
                  ['cong_nhan', 14],
                  ['kinh_doanh', 10],
                  ['can_bo', 5],
                  ['huu_tri', 6],
                  ['khac', 3],
                ],
                rng,
              ),
          'gpmb/bi_anh_huong': affected ? 'co' : 'khong',
          'gpmb/nguon_tin': pickWeighted(
            [
              ['loa_xa', stratum.urban ? 10 : 24],
              ['hop_thon', 26],
              ['bao_chi', 16],
              ['mang_xa_hoi', stratum.urban ? 34 : 20],
              ['nguoi_quen', 14],
            ],
            rng,
          ),
        };
        for (const item of LIKERT_ITEMS) {
          const dontKnow = item.column === 'danh_gia/tai_dinh_cu' ? (affected ? 0.1 : 0.35) : 0.02;
          cells[item.column] = rng.chance(dontKnow) ? '' : likert(latent, item.offset, clusterEffect, rng);
        }
        const problems = DIFFICULTIES.filter((d) =>
          rng.chance(Math.min(0.95, d.base * Math.exp(-0.8 * latent))),
        );
        cells['van_de/kho_khan'] = problems.length > 0 ? problems.map((d) => d.code).join(' ') : 'khong_co';
        cells['y_kien/de_xuat'] = openAnswer(latent, rng);
        cells['mau/tang'] = stratum.code;
        cells['mau/cum'] = place.unit.code;
        cells['mau/trong_so'] = weight.toFixed(2);
        cells._uuid = uuid(rng);
        cells._submission_time = new Date(submitted).toISOString().slice(0, 19);
        cells._validation_status = '';
        cells._status = 'submitted_via_web';
        cells._submitted_by = enumerator;
        cells.__version__ = version;
        records.push({ submitted, cells });
      }
    }
  }
  records.sort((a, b) => a.submitted - b.submitted || compareText(a.cells._uuid!, b.cells._uuid!));
  const rows = records.map((record, index) => {
    record.cells._id = String(nextId++);
    record.cells._index = String(index + 1);
    return columns.map((c) => record.cells[c] ?? '');
  });
  return {
    name: `gpmb-${year}`,
    title: `Khảo sát dư luận về công tác bồi thường, GPMB ${year}`,
    fieldwork: { start: fieldStart, end: fieldEnd },
    population: 'Người từ 18 tuổi trở lên đang sinh sống tại tỉnh Đắk Lắk',
    weightColumn: 'mau/trong_so',
    strataColumn: 'mau/tang',
    clusterColumn: 'mau/cum',
    questions,
    columns,
    rows,
  };
}

function isoWithMillis(ms: number): string {
  const iso = toLocalIso(new Date(ms));
  return `${iso.slice(0, 19)}.${String(ms % 1000).padStart(3, '0')}${iso.slice(19)}`;
}

function openAnswer(latent: number, rng: Rng): string {
  if (rng.chance(0.35)) return '';
  const pool =
    latent < -0.2
      ? OPEN_NEGATIVE
      : latent > 0.5
        ? OPEN_POSITIVE
        : rng.chance(0.5)
          ? OPEN_NEUTRAL
          : OPEN_NEGATIVE;
  const text = expand(rng.pick(pool), rng);
  return rng.chance(0.12) ? foldDiacritics(text) : text;
}
