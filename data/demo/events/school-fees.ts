import type { EventTemplates } from '../types.ts';

/** Parents protest over beginning-of-year fees at one school. */
export const schoolFees: EventTemplates = {
  kind: 'school-fees',
  topic: 'giao-duc',
  words: {
    truong: ['{ten_truong}'],
    khoan: ['tiền mua máy lạnh', 'tiền lắp camera', 'tiền xã hội hóa'],
    khoan_khac: ['tiền quỹ phụ huynh', 'tiền học liên kết', 'tiền đồng phục', 'tiền nước uống'],
  },
  facts: {
    ten_truong: (rng) =>
      rng.pick([
        'Trường Tiểu học Nguyễn Văn Trỗi',
        'Trường THCS Lê Quý Đôn',
        'Trường Tiểu học Kim Đồng',
        'Trường THCS Chu Văn An',
      ]),
    tong_thu: (rng) => `${rng.int(2, 4)}.${rng.int(1, 9)}00.000`,
  },
  outbreak: {
    social: [
      '[Đầu năm|Mới vào năm học] [mà|] {truong} [thu|bắt đóng] [gần|hơn] {tong_thu} đồng [mỗi học sinh|một bé], [có cả|gồm cả] {khoan}, [phụ huynh|ba mẹ] [nghèo|công nhân] [lấy đâu ra|sao kham nổi].',
      '[Họp phụ huynh|Buổi họp phụ huynh] {truong} [hôm qua|tối qua]: [cô|ban đại diện] [đưa ra|đọc] [danh sách|cả chục khoản] [thu|đóng góp], [ai|phụ huynh nào] [hỏi|thắc mắc] [thì|là] [bị|bị nói] [“không hợp tác”|“tự nguyện mà”].',
      '[Ai|Phụ huynh nào] [có con|có bé] học {truong} [ở|tại] {noi_ngan} [cho hỏi|thấy] {khoan} [có đúng|là] [quy định|bắt buộc] [không|ko] [vậy|ạ]?',
      '[Nói là|Bảo là] miễn học phí [mà|nhưng] [đầu năm|vẫn] [đóng|nộp] [cả triệu|hơn {tong_thu} đồng] [cho|ở] {truong}, [vậy|thế] [miễn cái gì|miễn ở đâu]?',
    ],
    title: ['Phụ huynh {truong} [bức xúc|phản ánh] [vì|về] [các khoản thu|khoản thu] đầu năm học'],
    lead: [
      '[Nhiều|Hàng chục] phụ huynh [có con học|học sinh] [tại|ở] {truong} ({noi}) [phản ánh|bức xúc] [vì|về việc] [nhà trường|ban đại diện cha mẹ học sinh] [đưa ra|yêu cầu đóng] [nhiều khoản|hàng chục khoản] thu đầu năm [với tổng số tiền|tổng cộng] [gần|hơn] {tong_thu} đồng [mỗi học sinh|một em].',
    ],
  },
  coverage: {
    title: [
      '[Lạm thu|Dấu hiệu lạm thu] [đầu năm học|] [tại|ở] {truong}, {noi}',
      '{truong} [thu|yêu cầu đóng] [gần|hơn] {tong_thu} đồng [mỗi học sinh|mỗi em], phụ huynh [bức xúc|kêu trời]',
      '[Phụ huynh|Cha mẹ học sinh] {noi} [“kêu trời”|than] [vì|với] [các khoản thu|khoản thu “tự nguyện”] [ở|tại] {truong}',
    ],
    lead: [
      '[Theo|Theo phản ánh của] [phụ huynh|nhiều phụ huynh], [đầu năm học {nam_hoc}|năm học này], {truong} [ở|tại] {noi} [đưa ra|thông báo] [{n:12-18} khoản thu|nhiều khoản thu], [trong đó có|bao gồm cả] {khoan} và {khoan_khac}, [tổng cộng|tổng] [gần|khoảng] {tong_thu} đồng [mỗi học sinh|một em].',
    ],
    detail: [
      '[Nhiều khoản|Các khoản] [được gọi là|ghi là] [“tự nguyện”|“xã hội hóa”] [nhưng|song] [lại|] [ấn định|quy định] [mức thu|số tiền] [cụ thể|cho từng học sinh], [phụ huynh|gia đình] [không đóng|chưa đóng] [thì|bị] [giáo viên nhắc nhở|nhắc tên trong nhóm Zalo lớp].',
      '[Theo quy định|Quy định] [của Bộ GD-ĐT|hiện hành], [ban đại diện cha mẹ học sinh|nhà trường] [không được|không] [ấn định mức đóng góp|thu các khoản ngoài quy định] [và|,] [việc|các khoản] [tài trợ|vận động] [phải|phải bảo đảm] [tự nguyện|công khai].',
    ],
    voice: [
      '“[Nhà tôi có|Tôi có] [hai|ba] đứa [đi học|học ở trường], [đầu năm|mới khai giảng] [đã|] [đóng|nộp] [gần|hơn] [chục triệu|{n:5-9} triệu], [làm thuê|bán rau] [cả tháng|mấy tháng] [cũng không đủ|mới đủ]”, {nguoi_dan} [bức xúc|than].',
      '{nguoi_dan} [cho biết|kể] [khi|lúc] [hỏi|thắc mắc] [về|] {khoan} [trong nhóm Zalo lớp|tại buổi họp], [phụ huynh|chị] [bị|đã bị] [“mời ra khỏi nhóm”|nói là “không hợp tác”].',
    ],
  },
  response: {
    title: [
      '[Yêu cầu|Chỉ đạo] {truong} [trả lại|dừng thu] [các khoản thu sai quy định|tiền cho phụ huynh]',
      '[Kiểm tra|Rà soát] [việc thu chi|khoản thu] [đầu năm học|] [tại|ở] {truong}, {noi}',
    ],
    lead: [
      '[Ngày|Sáng] {ngay}, {chinh_quyen} [đã|] [làm việc|có buổi làm việc] [với|cùng] [lãnh đạo|ban giám hiệu] {truong} [về|liên quan đến] [các khoản thu đầu năm|phản ánh lạm thu] [mà|do] [phụ huynh|báo chí] [phản ánh|nêu].',
    ],
    detail: [
      '{lanh_dao} cho biết [đã yêu cầu|đã chỉ đạo] {truong} [dừng thu|tạm dừng] [các khoản|khoản] [chưa đúng quy định|như {khoan}], [trả lại tiền|hoàn trả] [cho phụ huynh|số tiền đã thu] và [kiểm điểm|làm rõ trách nhiệm] [hiệu trưởng|các cá nhân liên quan].',
      '[Hiệu trưởng|Lãnh đạo] {truong} [thừa nhận|cho biết] [việc|] [thông báo|tổ chức thu] [còn|có] [sai sót|chưa đúng hướng dẫn] và [xin lỗi|nhận trách nhiệm] [phụ huynh|trước phụ huynh].',
    ],
    social: [
      '[Trường|{truong}] [trả lại|thông báo hoàn trả] {khoan} [rồi|rồi nha] [các phụ huynh|mọi người] ơi, [lên tiếng|phản ánh] [mới được|thì mới có kết quả].',
      '[Xã|Phòng giáo dục] [đã|] [xuống|về] [làm việc|kiểm tra] [với trường|ở trường] [rồi|hôm nay], [mong|hy vọng] [năm sau|các trường khác] [đừng|không] [như vậy nữa|tái diễn].',
    ],
  },
  report: {
    summary: [
      'Phụ huynh học sinh {truong} ({noi}) bức xúc về các khoản thu đầu năm học [gần|khoảng] {tong_thu} đồng/học sinh.',
    ],
    proposal: [
      'Đề nghị [kiểm tra, chấn chỉnh việc thu chi đầu năm học|công khai các khoản thu] tại {truong} và các trường trên địa bàn.',
    ],
  },
};
