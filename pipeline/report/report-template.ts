/**
 * The XLSX template a unit fills in to send its collaborators' reports as a file (`dlxh ingest report`): one row per
 * report, the columns the import reads, and one column per watch topic's question put to the unit, headed with the
 * watch topic's id so that the answers come back tagged with it.
 */
import ExcelJS from 'exceljs';
import { formatDateVi } from '../../data/time.ts';

/** A question of the unit's next report (a watch topic put to its collaborators). */
export interface TemplateQuestion {
  id: string;
  question: string;
  proposed_by_name: string | null;
}

export interface TemplateInput {
  /** The unit whose collaborators report; null for a template without a unit (province-wide questions only). */
  unit: { uid: string; name: string } | null;
  questions: readonly TemplateQuestion[];
  /** The taxonomy, for the guide sheet: `topics` takes ids or names. */
  topics: readonly { id: string; name: string }[];
  now: Date;
}

/** Rows offered for filling in, with the mood and classification lists on each. */
const ROWS = 500;
const FIRST_ROW = 5;
const MOODS = ['Phấn khởi', 'Tích cực', 'Ổn định', 'Lo lắng', 'Bức xúc'];
const LEVELS = ['Thường', 'Mật', 'Tối mật', 'Tuyệt mật'];

/** The report columns, by the Vietnamese names the import reads (report-fields.ts), with what each takes. */
const COLUMNS: { header: string; width: number; guide: string }[] = [
  {
    header: 'Số báo cáo',
    width: 14,
    guide: 'Mã riêng của báo cáo (không bắt buộc); gửi lại cùng mã không tạo bản trùng.',
  },
  { header: 'Kỳ báo cáo', width: 12, guide: 'Tháng báo cáo: mm/yyyy, ví dụ 03/2026 (bắt buộc).' },
  { header: 'Đơn vị', width: 24, guide: 'Xã, phường hoặc cơ quan báo cáo: tên hoặc mã.' },
  { header: 'Người báo cáo', width: 20, guide: 'Cộng tác viên: chỉ lưu bí danh, không lưu họ tên.' },
  { header: 'Tổ chức', width: 20, guide: 'Cộng tác viên, Mặt trận, đoàn thể… (không bắt buộc).' },
  { header: 'Địa bàn', width: 24, guide: 'Nơi có dư luận nếu khác đơn vị, ví dụ "xã Ea Tu".' },
  {
    header: 'Chủ đề',
    width: 24,
    guide: 'Một hay nhiều chủ đề (mã hoặc tên ở bảng dưới), cách nhau bằng dấu ;',
  },
  {
    header: 'Tóm tắt dư luận',
    width: 60,
    guide: 'Nội dung dư luận (bắt buộc). Số điện thoại, số CCCD… được xóa khi nhập.',
  },
  { header: 'Tâm trạng', width: 14, guide: `Một trong: ${MOODS.join(', ')}.` },
  { header: 'Kiến nghị, đề xuất', width: 40, guide: 'Kiến nghị của nhân dân (không bắt buộc).' },
  { header: 'Độ mật', width: 12, guide: `Một trong: ${LEVELS.join(', ')} (mặc định Thường).` },
];

/** The column header of a watch topic's answers: its id first, which the import reads, then the question. */
export function questionHeader(q: TemplateQuestion): string {
  return `[${q.id}] ${q.question}`;
}

/**
 * The template as XLSX bytes: a sheet "Báo cáo" with a title block, the header row and rows to fill in, and a
 * sheet "Hướng dẫn" with what each column takes, the questions and the topics.
 * `await reportTemplate({ unit: { uid: '24121/2025', name: 'Phường Tân Lập' }, questions, topics, now })`
 */
export async function reportTemplate(input: TemplateInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = input.now;
  const sheet = book.addWorksheet('Báo cáo', { views: [{ state: 'frozen', ySplit: FIRST_ROW - 1 }] });
  sheet.getCell('A1').value = 'MẪU BÁO CÁO TÌNH HÌNH DƯ LUẬN XÃ HỘI';
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value =
    `${input.unit ? `Đơn vị: ${input.unit.name} (${input.unit.uid})` : 'Đơn vị: ghi ở cột "Đơn vị"'} · ` +
    `lập ngày ${formatDateVi(input.now)} · mỗi dòng một báo cáo; xem trang "Hướng dẫn".`;
  const headers = [...COLUMNS.map((c) => c.header), ...input.questions.map(questionHeader)];
  const header = sheet.getRow(FIRST_ROW - 1);
  header.values = headers;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  headers.forEach((_, i) => {
    sheet.getColumn(i + 1).width = i < COLUMNS.length ? COLUMNS[i]!.width : 40;
  });
  const listColumn = (header: string, values: string[]) => {
    const column = headers.indexOf(header) + 1;
    for (let row = FIRST_ROW; row < FIRST_ROW + ROWS; row++) {
      sheet.getCell(row, column).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
      };
    }
  };
  listColumn('Tâm trạng', MOODS);
  listColumn('Độ mật', LEVELS);

  const guide = book.addWorksheet('Hướng dẫn');
  guide.getColumn(1).width = 40;
  guide.getColumn(2).width = 90;
  guide.addRow(['Cột', 'Ghi gì']).font = { bold: true };
  for (const c of COLUMNS) guide.addRow([c.header, c.guide]);
  if (input.questions.length) {
    guide.addRow([]);
    guide.addRow([
      'Câu hỏi của kỳ này',
      'Trả lời ở cột mang mã câu hỏi; bỏ trống nếu không có gì để báo',
    ]).font = {
      bold: true,
    };
    for (const q of input.questions)
      guide.addRow([questionHeader(q), q.proposed_by_name ? `Đề nghị của: ${q.proposed_by_name}` : '']);
  }
  guide.addRow([]);
  guide.addRow(['Mã chủ đề', 'Tên chủ đề']).font = { bold: true };
  for (const t of input.topics) guide.addRow([t.id, t.name]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
