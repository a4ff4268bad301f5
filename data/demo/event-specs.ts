// The two sets of injected events: where, when (as a share of the stream) and how loud each one is.

import { corruptionAllegation } from './events/corruption-allegation.ts';
import { diseaseRumour } from './events/disease-rumour.ts';
import { flood } from './events/flood.ts';
import { gpmbDispute } from './events/gpmb-dispute.ts';
import { pollution } from './events/pollution.ts';
import { schoolFees } from './events/school-fees.ts';
import { trafficBlackSpot } from './events/traffic-black-spot.ts';
import { waterShortage } from './events/water-shortage.ts';
import type { EventTemplates } from './types.ts';

export interface EventSpec {
  id: string;
  templates: EventTemplates;
  /** The current commune, by name. */
  unit: string;
  /** The pre-2025 commune and district most posts name instead. */
  oldCommune: string;
  oldDistrict: string;
  /** Share of posts naming the old commune rather than the new one. */
  oldNameShare: number;
  /** First day, as a fraction of the stream's length. */
  startFraction: number;
  durationDays: number;
  /** Documents on the peak day at scale 1. */
  peakPerDay: number;
  description: string;
}

export const DEFAULT_EVENTS: readonly EventSpec[] = [
  {
    id: 'ev-water-tuy-an-dong',
    templates: waterShortage,
    unit: 'Xã Tuy An Đông',
    oldCommune: 'Xã An Ninh Đông',
    oldDistrict: 'Huyện Tuy An',
    oldNameShare: 0.5,
    startFraction: 0.08,
    durationDays: 10,
    peakPerDay: 14,
    description: 'Thiếu nước sinh hoạt kéo dài do nắng hạn, công trình cấp nước ngừng hoạt động (giả lập).',
  },
  {
    id: 'ev-gpmb-krong-pac',
    templates: gpmbDispute,
    unit: 'Xã Krông Pắc',
    oldCommune: 'Xã Ea Yông',
    oldDistrict: 'Huyện Krông Pắc',
    oldNameShare: 0.7,
    startFraction: 0.22,
    durationDays: 9,
    peakPerDay: 22,
    description: 'Người dân phản đối giá bồi thường, giải phóng mặt bằng dự án đường cao tốc (giả lập).',
  },
  {
    id: 'ev-rumour-ea-kiet',
    templates: diseaseRumour,
    unit: 'Xã Ea Kiết',
    oldCommune: 'Xã Ea Kuêh',
    oldDistrict: "Huyện Cư M'gar",
    oldNameShare: 0.35,
    startFraction: 0.46,
    durationDays: 5,
    peakPerDay: 30,
    description: 'Tin đồn “bệnh lạ” làm chết người lan truyền trên mạng xã hội; ngành y tế bác bỏ (giả lập).',
  },
  {
    id: 'ev-pollution-cu-yang',
    templates: pollution,
    unit: 'Xã Cư Yang',
    oldCommune: 'Xã Cư Bông',
    oldDistrict: 'Huyện Ea Kar',
    oldNameShare: 0.5,
    startFraction: 0.68,
    durationDays: 8,
    peakPerDay: 16,
    description: 'Nhà máy tinh bột sắn bị tố xả thải gây ô nhiễm suối, cá chết (giả lập).',
  },
];

export const ALT_EVENTS: readonly EventSpec[] = [
  {
    id: 'ev-traffic-krong-buk',
    templates: trafficBlackSpot,
    unit: 'Xã Krông Búk',
    oldCommune: 'Xã Cư Né',
    oldDistrict: 'Huyện Krông Búk',
    oldNameShare: 0.45,
    startFraction: 0.15,
    durationDays: 10,
    peakPerDay: 14,
    description:
      'Liên tiếp tai nạn giao thông tại một khúc cua quốc lộ, người dân gọi là “điểm đen” (giả lập).',
  },
  {
    id: 'ev-fees-tan-lap',
    templates: schoolFees,
    unit: 'Phường Tân Lập',
    oldCommune: 'Phường Tân Hòa',
    oldDistrict: 'Thành phố Buôn Ma Thuột',
    oldNameShare: 0.25,
    startFraction: 0.4,
    durationDays: 7,
    peakPerDay: 20,
    description: 'Phụ huynh phản ánh lạm thu đầu năm học tại một trường (giả lập).',
  },
  {
    id: 'ev-corruption-hoa-xuan',
    templates: corruptionAllegation,
    unit: 'Xã Hòa Xuân',
    oldCommune: 'Xã Hòa Tâm',
    oldDistrict: 'Thị xã Đông Hòa',
    oldNameShare: 0.55,
    startFraction: 0.58,
    durationDays: 8,
    peakPerDay: 12,
    description: 'Hộ nghèo tố cán bộ xã bớt xén tiền hỗ trợ làm nhà (giả lập).',
  },
  {
    id: 'ev-flood-phu-hoa-1',
    templates: flood,
    unit: 'Xã Phú Hòa 1',
    oldCommune: 'Xã Hòa Thắng',
    oldDistrict: 'Huyện Phú Hòa',
    oldNameShare: 0.45,
    startFraction: 0.8,
    durationDays: 6,
    peakPerDay: 28,
    description: 'Mưa lớn gây ngập lụt vùng hạ lưu, nhiều thôn bị chia cắt (giả lập).',
  },
];
