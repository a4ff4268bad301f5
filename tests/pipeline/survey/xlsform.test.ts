import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readXlsForm } from '../../../pipeline/survey/xlsform.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-xlsform-'));

async function form(
  name: string,
  survey: string[][],
  choices: string[][] = [['list_name', 'name', 'label']],
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('survey').addRows(survey);
  workbook.addWorksheet('choices').addRows(choices);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('readXlsForm', () => {
  it('reads questions with group paths, Vietnamese labels, choice lists and settings', async () => {
    const f = await readXlsForm('tests/fixtures/surveys/xlsform-v1.xlsx');
    expect(f).toMatchObject({
      formId: 'ks_cchc_2025',
      version: '2025030101',
      title: 'Khảo sát dư luận xã hội về cải cách hành chính năm 2025',
    });
    expect(f.questions.map((q) => `${q.path}:${q.type}`)).toEqual([
      'dia_ban/khu_vuc:select_one',
      'dia_ban/xa:select_one',
      'dia_ban/trong_so:calculate',
      'thong_tin/gioi_tinh:select_one',
      'thong_tin/tuoi:integer',
      'thong_tin/dan_toc:select_one',
      'thong_tin/nghe_nghiep:select_one',
      'thong_tin/so_dien_thoai:text',
      'danh_gia/hai_long_tthc:select_one',
      'danh_gia/van_de:select_multiple',
      'danh_gia/thu_nhap:decimal',
      'danh_gia/y_kien:text',
      'thong_tin/nghe_nghiep_other:text',
    ]);
    const sex = f.questions.find((q) => q.name === 'gioi_tinh')!;
    expect(sex.label).toBe('Giới tính');
    expect(sex.labels).toEqual(['Giới tính', 'Sex']);
    expect(f.lists.get('gioi_tinh')!.map((c) => [c.name, c.label])).toEqual([
      ['nam', 'Nam'],
      ['nu', 'Nữ'],
    ]);
    const job = f.questions.find((q) => q.name === 'nghe_nghiep')!;
    expect(job.orOther).toBe(true);
    expect(f.questions.find((q) => q.name === 'nghe_nghiep_other')!.otherOf).toBe('thong_tin/nghe_nghiep');
    expect([...f.dropped].sort()).toEqual(['deviceid', 'end', 'start', 'today', 'username']);
    expect(f.enumeratorField).toBe('username');
  });

  it('skips repeat groups and notes', async () => {
    const file = await form('repeat.xlsx', [
      ['type', 'name', 'label'],
      ['note', 'intro', 'Xin chào'],
      ['begin repeat', 'thanh_vien', 'Thành viên hộ'],
      ['text', 'ten', 'Tên'],
      ['end repeat', '', ''],
      ['integer', 'so_nguoi', 'Số người trong hộ'],
    ]);
    expect((await readXlsForm(file)).questions.map((q) => q.path)).toEqual(['so_nguoi']);
  });

  it('names the sheet row of form errors', async () => {
    const missing = await form('missing-list.xlsx', [
      ['type', 'name', 'label'],
      ['select_one muc_do', 'q1', 'Mức độ'],
    ]);
    await expect(readXlsForm(missing)).rejects.toThrow(
      `${missing}: survey row 2: choice list "muc_do" not found in the choices sheet`,
    );
    const open = await form('open-group.xlsx', [
      ['type', 'name', 'label'],
      ['begin group', 'g', 'Nhóm'],
      ['text', 'q', 'Câu hỏi'],
    ]);
    await expect(readXlsForm(open)).rejects.toThrow(`${open}: survey row 2: group "g" is never closed`);
    const twice = await form('twice.xlsx', [
      ['type', 'name', 'label'],
      ['text', 'q', 'A'],
      ['integer', 'q', 'B'],
    ]);
    await expect(readXlsForm(twice)).rejects.toThrow(
      `${twice}: survey row 3: name "q" already used in row 2`,
    );
    await expect(readXlsForm('tests/fixtures/surveys/kobo-v2.xlsx')).rejects.toThrow(
      'no "survey" sheet: not an XLSForm',
    );
  });
});
