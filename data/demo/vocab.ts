// Shared vocabulary of the demo texts: outlets, social groups, people, villages, informal spelling.

import type { Tone } from './types.ts';

export interface Outlet {
  name: string;
  domain: string;
  /** Relative share of the province's news coverage. */
  weight: number;
  /** Former province the outlet mostly covers, if it is local. */
  area?: 'dl' | 'py';
}

export const NEWS_OUTLETS: readonly Outlet[] = [
  { name: 'Báo Đắk Lắk', domain: 'baodaklak.vn', weight: 9, area: 'dl' },
  { name: 'Báo Phú Yên', domain: 'baophuyen.vn', weight: 5, area: 'py' },
  { name: 'Đài PT-TH Đắk Lắk', domain: 'dlrtv.org.vn', weight: 3, area: 'dl' },
  { name: 'Đài PT-TH Phú Yên', domain: 'ptpphuyen.vn', weight: 2, area: 'py' },
  { name: 'VnExpress', domain: 'vnexpress.net', weight: 2.5 },
  { name: 'Tuổi Trẻ', domain: 'tuoitre.vn', weight: 2 },
  { name: 'Thanh Niên', domain: 'thanhnien.vn', weight: 2 },
  { name: 'Dân trí', domain: 'dantri.com.vn', weight: 2 },
  { name: 'VTV', domain: 'vtv.vn', weight: 1 },
  { name: 'Báo Nhân Dân', domain: 'nhandan.vn', weight: 1 },
  { name: 'Báo Tin tức', domain: 'baotintuc.vn', weight: 1 },
  { name: 'Người Lao Động', domain: 'nld.com.vn', weight: 1.2 },
  { name: 'Tiền Phong', domain: 'tienphong.vn', weight: 1 },
  { name: 'VietNamNet', domain: 'vietnamnet.vn', weight: 1 },
  { name: 'Báo Pháp luật TP.HCM', domain: 'plo.vn', weight: 0.8 },
  { name: 'Báo Lao Động', domain: 'laodong.vn', weight: 1 },
];

/** Outlets that republish other outlets' stories. */
export const SYNDICATORS: readonly string[] = ['Báo Tin tức', 'VietNamNet', 'Báo Nhân Dân', 'Tiền Phong'];

/** Province-wide Facebook groups and pages, with the former province they lean to. */
export const PROVINCE_GROUPS: readonly { name: string; slug: string; area?: 'dl' | 'py' }[] = [
  { name: 'Hội những người yêu Buôn Ma Thuột', slug: 'yeubuonmathuot', area: 'dl' },
  { name: 'Buôn Ma Thuột 24h', slug: 'bmt24h', area: 'dl' },
  { name: 'Đắk Lắk 24h', slug: 'daklak24h' },
  { name: 'Cộng đồng Đắk Lắk', slug: 'congdongdaklak' },
  { name: 'Tin nóng Đắk Lắk - Phú Yên', slug: 'tinnongdlpy' },
  { name: 'Phú Yên quê tôi', slug: 'phuyenquetoi', area: 'py' },
  { name: 'Hội người Tuy Hòa', slug: 'nguoituyhoa', area: 'py' },
  { name: 'Góc phản ánh Đắk Lắk', slug: 'gocphananhdaklak' },
  { name: 'Chợ nông sản Tây Nguyên', slug: 'chonongsantaynguyen', area: 'dl' },
  { name: 'Review Buôn Ma Thuột', slug: 'reviewbmt', area: 'dl' },
];

/** Patterns of local group names, filled with a former district's short name. */
export const LOCAL_GROUP_PATTERNS: readonly string[] = [
  'Cộng đồng {d}',
  'Tin tức {d} 24h',
  'Hội những người yêu {d}',
  '{d} quê tôi',
  'Người {d}',
  'Chợ {d} online',
];

export const TONES: readonly Tone[] = ['neg', 'neu', 'pos'];

export const SOCIAL_TAILS: Record<Tone, readonly string[]> = {
  neg: [
    'Mong [chính quyền|các cấp chính quyền|cơ quan chức năng] [sớm vào cuộc|xem xét giải quyết|quan tâm giúp dân].',
    '[Bức xúc|Chán] thật sự!',
    'Dân [khổ|mệt mỏi] quá rồi.',
    'Ai có thẩm quyền [xem giúp|giải quyết giúp] với.',
    '[Share|Chia sẻ] cho [nhiều người biết|mọi người cùng biết].',
    'Không biết [phải chờ đến bao giờ|kêu ai bây giờ].',
    '',
  ],
  neu: [
    '[Mọi người|Ai biết] [chỉ giúp|cho xin thông tin] với ạ.',
    'Cảm ơn cả nhà.',
    '[Chia sẻ|Share] để bà con [nắm thông tin|biết].',
    '',
    '',
  ],
  pos: [
    '[Cảm ơn|Rất cảm ơn] [chính quyền|các anh chị cán bộ] [địa phương|xã].',
    '[Đáng khen|Rất đáng ghi nhận]!',
    'Mong [các nơi khác cũng làm được như vậy|sẽ có thêm nhiều việc làm thiết thực như thế này].',
    '',
  ],
};

export const NEWS_CLOSINGS: readonly string[] = [
  '[Báo|Chúng tôi] sẽ tiếp tục [thông tin|theo dõi] [về vụ việc|sự việc].',
  '[Phóng viên|Chúng tôi] sẽ tiếp tục [phản ánh|thông tin] [kết quả giải quyết|diễn biến] [của vụ việc|tới bạn đọc].',
  '',
  '',
];

export const SURNAME_INITIALS: readonly string[] = [
  'N',
  'T',
  'L',
  'P',
  'H',
  'V',
  'Đ',
  'B',
  'D',
  'H',
  'N',
  'N',
];
export const MIDDLE_INITIALS: readonly string[] = ['V', 'T', 'Đ', 'H', 'M', 'N', 'Q', 'X'];
export const GIVEN_INITIALS: readonly string[] = [
  'A',
  'B',
  'C',
  'D',
  'H',
  'K',
  'L',
  'M',
  'N',
  'P',
  'S',
  'T',
  'V',
  'Y',
];

export const BUON_NAMES: readonly string[] = [
  'Ko Siêr',
  'Tơng Jú',
  'Ea Bông',
  'Kmrơng',
  'Cuôr',
  'Drai',
  'Hra',
  'Đung',
  'Kram',
  'M’Blang',
  'Jù',
  'Ea Sai',
  'Trấp',
  'Dhă Prông',
];

export const STREETS: readonly string[] = [
  'Lê Duẩn',
  'Nguyễn Tất Thành',
  'Phan Bội Châu',
  'Y Jút',
  'Hùng Vương',
  'Mai Hắc Đế',
  'Hà Huy Tập',
  'Phan Chu Trinh',
  'Ngô Quyền',
  'Trần Phú',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Độc Lập',
  'Lê Thánh Tông',
  'Nguyễn Văn Cừ',
  'Võ Văn Kiệt',
];

/** Informal spellings used in social posts, applied word by word with some probability. */
export const ABBREVIATIONS: readonly [string, readonly string[]][] = [
  ['không', ['ko', 'k', 'hông']],
  ['được', ['dc', 'đc']],
  ['mọi người', ['mn', 'mng']],
  ['người', ['ng']],
  ['với', ['vs']],
  ['biết', ['bít', 'bik']],
  ['gì', ['j']],
  ['quá', ['wá', 'qá']],
  ['rồi', ['r', 'rùi']],
  ['anh chị', ['ac']],
  ['vậy', ['v', 'z']],
  ['Buôn Ma Thuột', ['BMT', 'Ban Mê']],
  ['ủy ban', ['UB']],
  ['bây giờ', ['bi giờ', 'h']],
  ['trước', ['trc']],
];
