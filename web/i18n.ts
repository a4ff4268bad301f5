/** Vietnamese first, English second: page strings, numbers (1.234,5 / 1,234.5) and dates (dd/mm/yyyy). */
import { formatDateVi } from '../data/time.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

const VI = {
  'app.name': 'Phân tích dư luận xã hội',
  'nav.overview': 'Tổng quan',
  'nav.hotspots': 'Điểm nóng',
  'nav.inbox': 'Hộp thư',
  'nav.misinfo': 'Tin sai lệch',
  'nav.surveys': 'Khảo sát',
  'nav.briefings': 'Báo cáo',
  'nav.sources': 'Nguồn & tác vụ',
  'nav.sql': 'Truy vấn',
  'nav.admin': 'Quản trị',
  'nav.audit': 'Nhật ký',
  'nav.documents': 'Tài liệu',
  'nav.mine': 'Báo cáo của tôi',
  'nav.status': 'Tình trạng',
  'nav.api': 'API',
  'nav.notebooks': 'Sổ tay',
  'auth.login': 'Đăng nhập',
  'auth.logout': 'Đăng xuất',
  'auth.username': 'Tên đăng nhập',
  'auth.password': 'Mật khẩu',
  'auth.failed': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'auth.locked': 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {until}.',
  'auth.rate': 'Quá nhiều lần đăng nhập từ địa chỉ này. Thử lại sau ít phút.',
  'auth.demo': 'Chế độ trình diễn: tài khoản mẫu',
  'auth.expired': 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
  'common.none': 'Chưa có',
  'common.filter': 'Lọc',
  'common.from': 'Từ ngày',
  'common.to': 'Đến ngày',
  'common.all': 'Tất cả',
  'common.topic': 'Chủ đề',
  'common.unit': 'Đơn vị',
  'common.documents': 'Tài liệu',
  'common.count': 'Số lượng',
  'common.negative': 'Tiêu cực',
  'common.positive': 'Tích cực',
  'common.neutral': 'Trung tính',
  'common.negShare': 'Tỉ lệ tiêu cực',
  'common.source': 'Nguồn',
  'common.status': 'Trạng thái',
  'common.time': 'Thời gian',
  'common.latest': 'Mới nhất',
  'common.severity': 'Mức độ',
  'common.classification': 'Độ mật',
  'common.details': 'Chi tiết',
  'common.download': 'Tải về',
  'common.save': 'Lưu',
  'common.back': 'Quay lại',
  'common.province': 'Toàn tỉnh',
  'common.notAvailable': 'Chức năng này chưa có dữ liệu.',
  'overview.title': 'Tổng quan dư luận',
  'overview.volume': 'Khối lượng tài liệu theo ngày và sắc thái',
  'overview.sentiment': 'Chỉ số sắc thái theo ngày (tích cực − tiêu cực)',
  'overview.byTopic': 'Theo chủ đề',
  'overview.byUnit': 'Theo đơn vị hành chính',
  'overview.openHotspots': 'Điểm nóng đang mở',
  'overview.freshness': 'Độ mới dữ liệu theo nguồn',
  'overview.unmapped': 'Chưa xác định xã/phường',
  'overview.window': 'Khoảng thời gian',
  'hotspots.title': 'Điểm nóng',
  'hotspots.explanation': 'Giải thích',
  'hotspots.series': 'Chuỗi số liệu so với mức nền',
  'hotspots.evidence': 'Tài liệu bằng chứng',
  'hotspots.routing': 'Chuyển xử lý',
  'hotspots.timeline': 'Diễn biến vụ việc',
  'hotspots.expected': 'Kỳ vọng',
  'hotspots.observed': 'Quan sát',
  'inbox.title': 'Hộp thư cảnh báo và vụ việc',
  'inbox.deadline': 'Hạn xử lý',
  'inbox.overdue': 'Quá hạn',
  'misinfo.title': 'Hàng đợi tin sai lệch',
  'surveys.title': 'Kết quả khảo sát',
  'briefings.title': 'Báo cáo tổng hợp',
  'briefings.generate': 'Lập báo cáo theo yêu cầu',
  'briefings.delivered': 'Báo cáo gửi đến đơn vị',
  'briefings.list': 'Các báo cáo đã lập',
  'briefings.subscriptions': 'Đơn vị nhận báo cáo định kỳ',
  'notebooks.title': 'Sổ tay phân tích',
  'sources.title': 'Nguồn dữ liệu và tác vụ',
  'sources.runNow': 'Chạy ngay',
  'admin.pseudonym': 'Giải mã bí danh',
  'sources.kind': 'Loại',
  'sources.lastOk': 'Lần tải tốt gần nhất',
  'sources.backoff': 'Tạm dừng đến',
  'sources.jobs': 'Tác vụ',
  'sources.runs': 'Lần chạy gần nhất',
  'sources.job': 'Tác vụ',
  'sources.in': 'Vào',
  'sources.new': 'Mới',
  'sources.dup': 'Trùng',
  'sources.failed': 'Lỗi',
  'sources.error': 'Thông báo lỗi',
  'sources.failures': 'Lỗi tải gần đây',
  'sql.title': 'Truy vấn SQL (chỉ đọc)',
  'sql.run': 'Chạy truy vấn',
  'sql.tables': 'Bảng được phép truy vấn',
  'sql.truncated': 'Kết quả bị cắt ở {n} dòng.',
  'admin.title': 'Quản trị người dùng',
  'admin.units': 'Trách nhiệm theo chủ đề của đơn vị',
  'routing.title': 'Quy tắc điều phối',
  'routing.intro':
    'Mỗi điểm nóng được chuyển đến các cơ quan theo chủ đề × địa bàn (× mức độ). Mọi quy tắc khớp đều thêm cơ quan nhận, quy tắc có số ưu tiên nhỏ hơn xét trước; cơ quan đầu tiên là đơn vị chủ trì.',
  'routing.source': 'Nguồn quy tắc',
  'routing.source.config': 'tệp cấu hình (mục routing:)',
  'routing.source.database': 'lưu trong cơ sở dữ liệu',
  'routing.source.defaults': 'quy tắc mặc định có sẵn',
  'routing.configWins':
    'Tệp cấu hình khai báo quy tắc điều phối (mục routing:), nên quy tắc trong tệp được áp dụng và thay cho quy tắc lưu trong cơ sở dữ liệu. Không sửa được trên trang này: sửa tệp cấu hình rồi khởi động lại.',
  'routing.defaultsNote':
    'Đang dùng quy tắc mặc định có sẵn. Lần sửa đầu tiên lưu toàn bộ quy tắc vào cơ sở dữ liệu cùng thay đổi.',
  'routing.nextRun': 'Thay đổi có hiệu lực từ lần điều phối tiếp theo, không cần khởi động lại.',
  'routing.priority': 'Ưu tiên',
  'routing.id': 'Mã quy tắc',
  'routing.topics': 'Chủ đề (không chọn: mọi chủ đề)',
  'routing.anyTopic': 'Mọi chủ đề',
  'routing.locality': 'Địa bàn',
  'routing.anywhere': 'Toàn tỉnh',
  'routing.minSeverity': 'Từ mức độ',
  'routing.anySeverity': 'Mọi mức độ',
  'routing.recipients': 'Cơ quan chủ trì và phối hợp',
  'routing.recipientsHelp': 'Mỗi dòng một cơ quan. {unit}: UBND nơi xảy ra; {parent}: UBND cấp trên.',
  'routing.unitCommittee': 'UBND nơi xảy ra',
  'routing.parentCommittee': 'UBND cấp trên',
  'routing.escalate': 'Chuyển cấp trên',
  'routing.notify': 'Báo ngay (webhook, thư điện tử)',
  'routing.escalation': 'Điều kiện chuyển cấp',
  'routing.escalationText':
    'Điểm nóng được chuyển cấp khi chủ đề nhạy cảm, hoặc khi một quy tắc khớp có đánh dấu chuyển cấp (kể cả quy tắc theo ngưỡng mức độ). Khi chuyển cấp, điểm nóng được gửi thêm đến UBND cấp trên và {office}.',
  'routing.sensitive': 'Chủ đề nhạy cảm (luôn chuyển cấp)',
  'routing.thresholds': 'Ngưỡng mức độ',
  'routing.fallback': 'Quy tắc mã "fallback" chỉ áp dụng khi không có quy tắc theo chủ đề nào khớp.',
  'routing.add': 'Thêm quy tắc',
  'routing.edit': 'Sửa',
  'routing.editing': 'Sửa quy tắc {id}',
  'routing.cancel': 'Hủy',
  'routing.delete': 'Xóa',
  'routing.restore': 'Khôi phục quy tắc mặc định',
  'routing.restoreConfirm': 'Tôi xác nhận thay toàn bộ quy tắc hiện có bằng quy tắc mặc định',
  'routing.saved': 'Đã lưu quy tắc {id}.',
  'routing.deleted': 'Đã xóa quy tắc {id}.',
  'routing.restored': 'Đã khôi phục quy tắc mặc định.',
  'routing.summary': '{n} quy tắc đang áp dụng; nguồn: {source}.',
  'routing.manage': 'Xem và sửa quy tắc điều phối',
  'audit.title': 'Nhật ký kiểm toán',
  'audit.verify': 'Kiểm tra chuỗi băm',
  'audit.ok': 'Chuỗi nhật ký toàn vẹn ({n} mục).',
  'audit.broken': 'Chuỗi nhật ký bị sửa đổi tại mục {seq}: {problem}.',
  'documents.title': 'Tài liệu',
  'error.forbidden': 'Bạn không có quyền xem nội dung này.',
  'error.notFound': 'Không tìm thấy.',
  'error.csrf': 'Yêu cầu không hợp lệ (thiếu mã chống giả mạo). Tải lại trang và thử lại.',
} as const;

export type MessageKey = keyof typeof VI;

const EN: Record<MessageKey, string> = {
  'app.name': 'Public opinion analytics',
  'nav.overview': 'Overview',
  'nav.hotspots': 'Hot spots',
  'nav.inbox': 'Inbox',
  'nav.misinfo': 'Misinformation',
  'nav.surveys': 'Surveys',
  'nav.briefings': 'Briefings',
  'nav.sources': 'Sources & jobs',
  'nav.sql': 'SQL',
  'nav.admin': 'Admin',
  'nav.audit': 'Audit log',
  'nav.documents': 'Documents',
  'nav.mine': 'My reports',
  'nav.status': 'Status',
  'nav.api': 'API',
  'nav.notebooks': 'Notebooks',
  'auth.login': 'Sign in',
  'auth.logout': 'Sign out',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.failed': 'Wrong username or password.',
  'auth.locked': 'Account locked after repeated failed sign-ins. Try again after {until}.',
  'auth.rate': 'Too many sign-in attempts from this address. Try again in a few minutes.',
  'auth.demo': 'Demo mode: sample accounts',
  'auth.expired': 'Your session has expired; please sign in again.',
  'common.none': 'None yet',
  'common.filter': 'Filter',
  'common.from': 'From',
  'common.to': 'To',
  'common.all': 'All',
  'common.topic': 'Topic',
  'common.unit': 'Unit',
  'common.documents': 'Documents',
  'common.count': 'Count',
  'common.negative': 'Negative',
  'common.positive': 'Positive',
  'common.neutral': 'Neutral',
  'common.negShare': 'Negative share',
  'common.source': 'Source',
  'common.status': 'Status',
  'common.time': 'Time',
  'common.latest': 'Latest',
  'common.severity': 'Severity',
  'common.classification': 'Classification',
  'common.details': 'Details',
  'common.download': 'Download',
  'common.save': 'Save',
  'common.back': 'Back',
  'common.province': 'Whole province',
  'common.notAvailable': 'No data for this yet.',
  'overview.title': 'Public opinion overview',
  'overview.volume': 'Documents per day by sentiment',
  'overview.sentiment': 'Net sentiment per day (positive − negative)',
  'overview.byTopic': 'By topic',
  'overview.byUnit': 'By administrative unit',
  'overview.openHotspots': 'Open hot spots',
  'overview.freshness': 'Data freshness per source',
  'overview.unmapped': 'Commune not known',
  'overview.window': 'Period',
  'hotspots.title': 'Hot spots',
  'hotspots.explanation': 'Explanation',
  'hotspots.series': 'Series against its baseline',
  'hotspots.evidence': 'Evidence documents',
  'hotspots.routing': 'Routing',
  'hotspots.timeline': 'Case timeline',
  'hotspots.expected': 'Expected',
  'hotspots.observed': 'Observed',
  'inbox.title': 'Alert and case inbox',
  'inbox.deadline': 'Deadline',
  'inbox.overdue': 'Overdue',
  'misinfo.title': 'Misinformation queue',
  'surveys.title': 'Survey results',
  'briefings.title': 'Briefings',
  'briefings.generate': 'Make a briefing',
  'briefings.delivered': 'Briefings sent to your unit',
  'briefings.list': 'Briefings made',
  'briefings.subscriptions': 'Units receiving periodic briefings',
  'notebooks.title': 'Analyst notebooks',
  'sources.title': 'Sources and jobs',
  'sources.runNow': 'Run now',
  'admin.pseudonym': 'Resolve a pseudonym',
  'sources.kind': 'Kind',
  'sources.lastOk': 'Last success',
  'sources.backoff': 'Backing off until',
  'sources.jobs': 'Jobs',
  'sources.runs': 'Recent runs',
  'sources.job': 'Job',
  'sources.in': 'In',
  'sources.new': 'New',
  'sources.dup': 'Duplicates',
  'sources.failed': 'Failed',
  'sources.error': 'Error',
  'sources.failures': 'Recent fetch failures',
  'sql.title': 'SQL explorer (read-only)',
  'sql.run': 'Run query',
  'sql.tables': 'Tables you may query',
  'sql.truncated': 'Result cut at {n} rows.',
  'admin.title': 'User administration',
  'admin.units': 'Topic responsibilities of units',
  'routing.title': 'Routing rules',
  'routing.intro':
    'Each hot spot goes to the bodies its topic × locality (× severity) calls for. Every matching rule adds its recipients, lower priority numbers first; the first recipient leads.',
  'routing.source': 'Source of the rules',
  'routing.source.config': 'the config file (routing:)',
  'routing.source.database': 'stored in the database',
  'routing.source.defaults': 'the built-in defaults',
  'routing.configWins':
    'The config file sets the routing rules (routing:), so its rules are in force instead of those stored in the database. They cannot be edited here: change the config file and restart.',
  'routing.defaultsNote':
    'The built-in defaults are in force. The first edit stores all of them in the database together with the change.',
  'routing.nextRun': 'Changes take effect at the next routing run, without a restart.',
  'routing.priority': 'Priority',
  'routing.id': 'Rule id',
  'routing.topics': 'Topics (none chosen: any topic)',
  'routing.anyTopic': 'Any topic',
  'routing.locality': 'Locality',
  'routing.anywhere': 'Whole province',
  'routing.minSeverity': 'From severity',
  'routing.anySeverity': 'Any severity',
  'routing.recipients': 'Leading and supporting bodies',
  'routing.recipientsHelp':
    "One body per line. {unit}: the People's Committee where it happens; {parent}: the one above.",
  'routing.unitCommittee': "People's Committee where it happens",
  'routing.parentCommittee': "People's Committee above",
  'routing.escalate': 'Escalate',
  'routing.notify': 'Notify at once (webhook, e-mail)',
  'routing.escalation': 'When alerts escalate',
  'routing.escalationText':
    "An alert escalates when its topic is sensitive, or when a matching rule escalates (severity thresholds included). Escalated alerts also go to the People's Committee above and to {office}.",
  'routing.sensitive': 'Sensitive topics (always escalate)',
  'routing.thresholds': 'Severity thresholds',
  'routing.fallback': 'The rule with id "fallback" applies only when no topic rule matches.',
  'routing.add': 'Add a rule',
  'routing.edit': 'Edit',
  'routing.editing': 'Edit rule {id}',
  'routing.cancel': 'Cancel',
  'routing.delete': 'Delete',
  'routing.restore': 'Restore the default rules',
  'routing.restoreConfirm': 'I confirm replacing all current rules with the defaults',
  'routing.saved': 'Rule {id} saved.',
  'routing.deleted': 'Rule {id} deleted.',
  'routing.restored': 'Default rules restored.',
  'routing.summary': '{n} rules in force; source: {source}.',
  'routing.manage': 'View and edit the routing rules',
  'audit.title': 'Audit log',
  'audit.verify': 'Verify hash chain',
  'audit.ok': 'The audit chain is intact ({n} entries).',
  'audit.broken': 'The audit chain was altered at entry {seq}: {problem}.',
  'documents.title': 'Documents',
  'error.forbidden': 'You may not see this.',
  'error.notFound': 'Not found.',
  'error.csrf': 'Invalid request (missing anti-forgery token). Reload the page and try again.',
};

/** Stored status values (hot spots, cases, job runs, review queue) as each language shows them. */
const STATUS_LABELS: Record<string, { vi: string; en: string }> = {
  open: { vi: 'Đang mở', en: 'Open' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
  dismissed: { vi: 'Đã bỏ qua', en: 'Dismissed' },
  all: { vi: 'Tất cả', en: 'All' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  verifying: { vi: 'Đang xác minh', en: 'Verifying' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  running: { vi: 'Đang chạy', en: 'Running' },
  ok: { vi: 'Thành công', en: 'Succeeded' },
  partial: { vi: 'Thành công một phần', en: 'Partly succeeded' },
  failed: { vi: 'Thất bại', en: 'Failed' },
  interrupted: { vi: 'Bị gián đoạn', en: 'Interrupted' },
  skipped: { vi: 'Bỏ qua', en: 'Skipped' },
  'chưa xác định': { vi: 'Chưa xác định', en: 'Not yet determined' },
  'đang xác minh': { vi: 'Đang xác minh', en: 'Being verified' },
  'sai sự thật': { vi: 'Sai sự thật', en: 'False' },
  'đúng sự thật': { vi: 'Đúng sự thật', en: 'True' },
  'không áp dụng': { vi: 'Không áp dụng', en: 'Not applicable' },
};

const ROLE_LABELS: Record<string, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
  analyst: { vi: 'Chuyên viên phân tích', en: 'Analyst' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  officer: { vi: 'Cán bộ đơn vị', en: 'Unit officer' },
  contributor: { vi: 'Cộng tác viên', en: 'Contributor' },
};

/** `roleLabel('vi', 'officer')` → `'Cán bộ đơn vị'`. */
export function roleLabel(lang: Lang, role: string): string {
  return ROLE_LABELS[role]?.[lang] ?? role;
}

/** `statusLabel('vi', 'open')` → `'Đang mở'`; a value with no label is shown as stored. */
export function statusLabel(lang: Lang, status: string | null | undefined): string {
  if (status === null || status === undefined) return '';
  return STATUS_LABELS[status]?.[lang] ?? status;
}

/** `t('vi', 'sql.truncated', { n: '5.000' })` → `'Kết quả bị cắt ở 5.000 dòng.'`. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template: string = lang === 'en' ? EN[key] : VI[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

const NUMBER = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };
/** Formatters with a fixed number of decimals, made once each (making one costs far more than using it). */
const FIXED = new Map<string, Intl.NumberFormat>();

/** `formatNumber('vi', 1234.5)` → `'1.234,5'`; `formatNumber('en', 1234.5)` → `'1,234.5'`. */
export function formatNumber(lang: Lang, n: number | null | undefined, digits?: number): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (digits === undefined) return NUMBER[lang].format(n);
  const key = `${lang}:${digits}`;
  let format = FIXED.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    FIXED.set(key, format);
  }
  return format.format(n);
}

/** A proportion as a percentage: `formatPercent('vi', 0.125)` → `'12,5%'`. */
export function formatPercent(lang: Lang, p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  return `${formatNumber(lang, Math.round(p * 1000) / 10)}%`;
}

/** dd/mm/yyyy in Asia/Ho_Chi_Minh for both languages; `'—'` for no date. */
export function formatDate(date: Date | null | undefined, withTime = false): string {
  return date ? formatDateVi(date, withTime) : '—';
}
