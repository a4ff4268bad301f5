import { describe, it, expect } from 'vitest';
import { choiceCode, readCheckboxColumn, splitLabels } from '../../../pipeline/survey/checkbox-answers.ts';

describe('splitLabels', () => {
  it('keeps a comma inside a label whose second part starts in lowercase', () => {
    expect(splitLabels(['Giá cả, thu nhập, Việc làm', 'Đất đai', 'Việc làm, Giá cả, thu nhập'])).toEqual([
      ['Giá cả, thu nhập', 'Việc làm'],
      ['Đất đai'],
      ['Việc làm', 'Giá cả, thu nhập'],
    ]);
  });

  it('joins capitalised pieces that are never seen apart, and only those', () => {
    const values = [
      'Điện, Nước, Y tế',
      'Điện, Nước',
      'Y tế, Trường học',
      'Trường học',
      'Điện, Nước, Trường học',
    ];
    expect(splitLabels(values)).toEqual([
      ['Điện, Nước', 'Y tế'],
      ['Điện, Nước'],
      ['Y tế', 'Trường học'],
      ['Trường học'],
      ['Điện, Nước', 'Trường học'],
    ]);
    // seen together once only: the data cannot tell, so they stay two labels
    expect(splitLabels(['An ninh, Môi trường', 'Việc làm'])).toEqual([
      ['An ninh', 'Môi trường'],
      ['Việc làm'],
    ]);
  });

  it('takes labels known from an earlier import first, longest first', () => {
    expect(splitLabels(['Điện, Nước, Y tế', 'Y tế'], ['Điện, Nước', 'Điện', 'Y tế'])).toEqual([
      ['Điện, Nước', 'Y tế'],
      ['Y tế'],
    ]);
  });

  it('leaves a single choice with a comma whole', () => {
    expect(splitLabels(['Có, thường xuyên', 'Có, thỉnh thoảng', 'Không'])).toEqual([
      ['Có, thường xuyên'],
      ['Có, thỉnh thoảng'],
      ['Không'],
    ]);
  });
});

describe('readCheckboxColumn', () => {
  it('turns answers into choice codes with the labels kept', () => {
    const column = readCheckboxColumn([
      'Giá cả, thu nhập, Việc làm, Nước sinh hoạt',
      'Giá cả, thu nhập, Việc làm',
      '',
      'Giáo dục, Nước sinh hoạt',
      'Đất đai',
      'Việc làm, Đất đai',
    ]);
    expect(column).toEqual({
      choices: [
        { name: 'gia_ca_thu_nhap', label: 'Giá cả, thu nhập', labels: ['Giá cả, thu nhập'] },
        { name: 'viec_lam', label: 'Việc làm', labels: ['Việc làm'] },
        { name: 'nuoc_sinh_hoat', label: 'Nước sinh hoạt', labels: ['Nước sinh hoạt'] },
        { name: 'giao_duc', label: 'Giáo dục', labels: ['Giáo dục'] },
        { name: 'dat_dai', label: 'Đất đai', labels: ['Đất đai'] },
      ],
      answers: [
        'gia_ca_thu_nhap viec_lam nuoc_sinh_hoat',
        'gia_ca_thu_nhap viec_lam',
        '',
        'giao_duc nuoc_sinh_hoat',
        'dat_dai',
        'viec_lam dat_dai',
      ],
    });
  });

  it('is not fooled by free text with commas, single choices or one multiple answer', () => {
    expect(
      readCheckboxColumn([
        'Thủ tục cấp sổ đỏ còn chậm, đi lại nhiều lần.',
        'Đề nghị sửa đường liên thôn, mùa mưa lầy lội. Liên hệ tôi qua số [số điện thoại].',
        'Sau sáp nhập xã phải đi xa hơn để làm giấy tờ.',
      ]),
    ).toBeNull();
    expect(readCheckboxColumn(['Có, thường xuyên', 'Có, thỉnh thoảng', 'Không', 'Không'])).toBeNull();
    expect(readCheckboxColumn(['Điện, Nước', 'Điện', 'Nước', 'Điện'])).toBeNull();
    expect(readCheckboxColumn(['Nam', 'Nữ'])).toBeNull();
    // every answer different: names, not a set of options
    expect(readCheckboxColumn(['An, Bình', 'Chi, Dũng', 'Em, Giang'])).toBeNull();
  });

  it('keeps the codes of known choices and splits a later file by them', () => {
    const known = [
      { name: 'gia_ca', label: 'Giá cả, thu nhập', labels: [] },
      { name: 'viec_lam', label: 'Việc làm', labels: [] },
    ];
    expect(readCheckboxColumn(['Việc làm, Giá cả, thu nhập', 'Việc làm'], known)).toEqual({
      choices: known,
      answers: ['viec_lam gia_ca', 'viec_lam'],
    });
  });

  it('makes unique codes from labels', () => {
    expect(choiceCode('Giá cả, thu nhập')).toBe('gia_ca_thu_nhap');
    expect(choiceCode('Đất đai')).toBe('dat_dai');
    expect(choiceCode('…')).toBe('lua_chon');
    const column = readCheckboxColumn(['Y tế, Y-tế', 'Y-tế, Y tế', 'Y tế']);
    expect(column!.choices.map((c) => c.name)).toEqual(['y_te', 'y_te_2']);
  });
});
