import type { EventTemplates } from '../types.ts';

/** Residents accuse commune officials of skimming housing-support money for poor households. */
export const corruptionAllegation: EventTemplates = {
  kind: 'corruption-allegation',
  topic: 'tham-nhung',
  words: {
    can_bo: ['cán bộ chính sách xã', 'một cán bộ xã', 'trưởng thôn và cán bộ chính sách'],
    tien: ['tiền hỗ trợ làm nhà', 'tiền hỗ trợ xóa nhà tạm', 'tiền hỗ trợ nhà ở cho hộ nghèo'],
  },
  facts: {
    so_ho: (rng) => String(rng.int(18, 45)),
    so_tien: (rng) => String(rng.int(5, 15)),
  },
  outbreak: {
    social: [
      '[Nhà nước|Tỉnh] [hỗ trợ|cho] [hộ nghèo|bà con] {n:40-60} triệu [làm nhà|mỗi căn] [mà|nhưng] [về tới dân|tới tay dân] [còn có|chỉ còn] [hơn|chưa tới] {n:30-45} triệu, [tiền đi đâu|ai ăn] [mọi người|vậy]? [Tiêu cực|Tham nhũng] [vậy|như vậy] [mà|] [không ai xử|ai chịu trách nhiệm]?',
      '[Ở|Tại] {noi_ngan} [cán bộ|có cán bộ] [bắt|yêu cầu] [hộ nghèo|bà con] [nộp lại|“bồi dưỡng”] {so_tien} triệu [mới|thì mới] [được|cho] [vào danh sách|nhận] {tien}, [nhũng nhiễu|tiêu cực] [thấy rõ|quá rõ], [ai có|có ai] [bằng chứng|clip] [thì|] [gửi|nộp] [lên trên|báo chí] đi.',
      '[Danh sách|Trong danh sách] [nhận|được] {tien} [ở|tại] {thon} [có|lại có] [nhà|người] [khá giả|người nhà cán bộ], [còn|trong khi] [nhà|hộ] [nghèo thật|dột nát] [thì|lại] [không có tên|bị loại], [vậy|thế] [là sao|có công bằng không]?',
      '[Đề nghị|Mong] [thanh tra|cơ quan chức năng] [về|xuống] {noi_ngan} [làm rõ|kiểm tra] [sai phạm|vụ] {tien}, [dân nghèo|hộ nghèo] [mà|] [cũng bị|còn bị] [ăn chặn|bớt xén], [tham nhũng|tiêu cực] [thế này|như vậy] [ai chịu nổi|không chấp nhận được].',
    ],
    title: ['[Hộ nghèo|Người dân] {noi} [tố|tố cáo] [bị|] [“ăn chặn”|bớt xén] {tien}'],
    lead: [
      '[Nhiều|{so_ho}] hộ nghèo [ở|tại] {thon}, {noi} [làm đơn|gửi đơn] [tố cáo|phản ánh] {can_bo} [có dấu hiệu|nghi] [bớt xén|“ăn chặn”] {tien}, [mỗi hộ|mỗi căn] [bị|phải] [nộp lại|“trích lại”] [khoảng|từ] {so_tien} triệu đồng.',
    ],
  },
  coverage: {
    title: [
      '[Nghi vấn|Dấu hiệu] [“ăn chặn”|bớt xén] {tien} [của|cho] hộ nghèo [ở|tại] {noi}',
      '{noi}: [{so_ho}|hàng chục] hộ nghèo [tố|tố cáo] [bị|] [thu lại|trích lại] {so_tien} triệu đồng [tiền|] [hỗ trợ làm nhà|] ',
      '[Làm rõ|Cần làm rõ] [đơn tố cáo|phản ánh] [cán bộ|] [bớt xén|“ăn chặn”] {tien} [ở|tại] {noi}',
    ],
    lead: [
      '[Theo|Theo đơn của] {so_ho} hộ [nghèo|dân] [ở|tại] {noi}, [khi|sau khi] [nhận|được chi trả] {tien} [theo|từ] [chương trình xóa nhà tạm, nhà dột nát|chương trình hỗ trợ nhà ở], [mỗi hộ|các hộ] [bị|đã bị] {can_bo} [yêu cầu|“vận động”] [nộp lại|đưa lại] {so_tien} triệu đồng [với lý do|gọi là] [“chi phí làm hồ sơ”|“bồi dưỡng”|“đóng góp xây dựng”].',
    ],
    detail: [
      '[Tổng số tiền|Số tiền] [bị cho là|mà người dân tố] [bị thu lại|bị bớt xén] [ước tính|khoảng] [hơn|gần] {n:150-450} triệu đồng.',
      '[Một số|Nhiều] [hộ dân|người] [cho biết|khẳng định] [việc|] [nộp lại tiền|đưa tiền] [không có|không được] [giấy biên nhận|biên lai], [được|bị] [dặn|yêu cầu] [“không nói ra ngoài”|giữ kín].',
      '[Vụ việc|Đơn tố cáo] [đã được|được] [gửi|chuyển] [đến|tới] [Thanh tra tỉnh|Ủy ban Kiểm tra Đảng ủy xã] [và|cùng] [Công an tỉnh|các cơ quan báo chí].',
    ],
    voice: [
      '“[Tiền nhà nước cho người nghèo làm nhà|Tiền hỗ trợ hộ nghèo] mà [cũng|còn] [ăn|bớt], [tôi|chúng tôi] [nghèo|khổ] [đã đành|rồi], [giờ|lại] [phải vay|phải đi vay] [để|mới] [đủ tiền|làm xong] [mái nhà|căn nhà]”, {nguoi_dan} [bức xúc|nói].',
      '{nguoi_dan} [cho biết|kể] [ban đầu|lúc đầu] [không dám|sợ không dám] [nói|tố] [vì|do] [sợ|lo] [bị|sẽ bị] [cắt hỗ trợ|gây khó dễ] [sau này|về sau].',
    ],
  },
  response: {
    title: [
      '[Thành lập đoàn|Lập tổ] [xác minh|kiểm tra] [đơn tố cáo|phản ánh] [bớt xén|“ăn chặn”] {tien} [tại|ở] {noi}',
      '[Tạm đình chỉ|Đình chỉ] [công tác|] [cán bộ|{can_bo}] [bị tố|liên quan] [bớt xén|thu lại] {tien} [ở|tại] {noi}',
    ],
    lead: [
      '[Ngày|Chiều] {ngay}, [Thanh tra tỉnh|Ủy ban Kiểm tra Tỉnh ủy] [cho biết|đã] [thành lập|đã thành lập] [đoàn|tổ công tác] [xác minh|kiểm tra] [nội dung|đơn] [tố cáo|phản ánh] [liên quan đến|về] [việc|] [chi trả|thu lại] {tien} [cho hộ nghèo|] [tại|ở] {noi}.',
    ],
    detail: [
      '{lanh_dao} [cho biết|xác nhận] [xã|Đảng ủy xã] [đã|] [tạm đình chỉ công tác|yêu cầu tường trình] [đối với|với] [cán bộ|{can_bo}] [liên quan|bị tố] [để|nhằm] [phục vụ xác minh|làm rõ vụ việc], [nếu|trường hợp] [có sai phạm|sai phạm] [sẽ|thì sẽ] [xử lý nghiêm|xử lý theo quy định, không bao che].',
      '[Cơ quan chức năng|Đoàn xác minh] [đã|] [làm việc|lấy lời khai] [với|của] [các hộ dân|{so_ho} hộ] [và|,] [đề nghị|khuyến khích] [người dân|bà con] [cung cấp|hợp tác cung cấp] [chứng cứ|thông tin], [người tố cáo|danh tính người tố cáo] [được|sẽ được] [bảo vệ|giữ bí mật].',
    ],
    social: [
      '[Tỉnh|Thanh tra] [đã|] [về|xuống] [làm việc|xác minh] [vụ|chuyện] [tiền làm nhà|{tien}] [ở|tại] {noi_ngan} [rồi|hôm nay], [mong|hy vọng] [làm rõ|xử lý] [đến nơi đến chốn|công khai] [cho dân|để dân biết].',
      '[Cán bộ|Ông cán bộ] [bị tố|kia] [bị|đã bị] [đình chỉ|tạm đình chỉ] [rồi|] [nghe nói|nghe bảo], [chờ|đợi] [kết luận|kết quả] [xem sao|xem thế nào].',
    ],
  },
  report: {
    summary: [
      'Nhân dân {noi} bức xúc trước phản ánh {can_bo} bớt xén {tien} của hộ nghèo, đề nghị làm rõ, xử lý nghiêm.',
    ],
    proposal: [
      'Đề nghị [sớm công khai kết quả xác minh|xử lý nghiêm cán bộ sai phạm] và [bảo vệ người tố cáo|trả lại tiền cho hộ nghèo].',
    ],
  },
};
