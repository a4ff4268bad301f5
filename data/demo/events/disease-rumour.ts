import type { EventTemplates } from '../types.ts';

/** A false rumour that a strange disease is killing people in a commune. */
export const diseaseRumour: EventTemplates = {
  kind: 'disease-rumour',
  topic: 'tin-don',
  words: {
    benh_la: ['bệnh lạ', 'dịch bệnh lạ', '“bệnh lạ” lây qua nước giếng'],
    so_chet: ['{so_nguoi}'],
  },
  facts: {
    so_nguoi: (rng) => String(rng.int(3, 7)),
  },
  outbreak: {
    social: [
      '[Nghe nói|Nghe đồn|Trên Facebook đang lan truyền tin] ở {noi} [có|đang có] {benh_la}, [đã có|chết] {so_chet} người [trong tuần|rồi], [mọi người|ae] [cẩn thận|đừng đến đó] nha!!!',
      '[Nóng|Khẩn]: {benh_la} [bùng phát|lan nhanh] [ở|tại] {noi}, [bệnh viện|trạm y tế] [giấu|không công bố], [share|chia sẻ] [gấp|ngay] để [mọi người|bà con] [phòng tránh|biết].',
      '[Chị|Bà con] [ở|bên] {thon} [nói|kể] [có người|mấy người] [sốt cao rồi chết|chết bất thường] [vì|do] {benh_la}, [có thật không|thật giả thế nào] [mọi người|vậy]?',
      '[Ai|Có ai] [ở|gần] {noi_ngan} [cho hỏi|xác nhận giúp] [vụ|tin] {benh_la} [làm chết|chết] {so_chet} người [là thật không|có thật không], [con nhỏ|nhà có trẻ nhỏ] [lo quá|hoang mang quá].',
      '[Nhóm Zalo|Group Zalo] [xóm|của thôn] [đang|] [chia sẻ|truyền nhau] [clip|tin nhắn] [nói|bảo] {noi} có {benh_la} [làm chết|khiến chết] {so_chet} người, [tin đồn|tin này] [thật hay giả|có đúng không] [vậy|mọi người]?',
      '[Tin đồn|Tin] {benh_la} ở {noi_ngan} [lan truyền|được chia sẻ] [khắp|rần rần trên] [Facebook|mạng xã hội], [dân|bà con] [hoang mang|lo sốt vó], [xã|trạm y tế] [lên tiếng|nói rõ] [đi|giúp] chứ.',
    ],
    title: [
      '[Xôn xao|Hoang mang] [tin đồn|thông tin] {benh_la} [làm chết người|khiến nhiều người tử vong] ở {noi}',
    ],
    lead: [
      '[Những ngày qua|Mấy ngày nay], [trên mạng xã hội|trong các nhóm Facebook, Zalo] [lan truyền|chia sẻ] [thông tin|bài viết] [cho rằng|về việc] [ở|tại] {noi} [xuất hiện|có] {benh_la} [làm|khiến] {so_chet} người [tử vong|chết], [gây|khiến] [hoang mang|lo lắng] [trong|cho] [dư luận|người dân].',
    ],
  },
  coverage: {
    title: [
      '[Sự thật|Thực hư] [thông tin|tin đồn] {benh_la} [làm chết người|ở] {noi}',
      '[Bác bỏ|Ngành y tế bác bỏ] tin đồn {benh_la} [làm|khiến] {so_chet} người [tử vong|chết] ở {noi}',
      '[Tin đồn|Thông tin sai sự thật] về {benh_la} [gây hoang mang|lan truyền] [tại|ở] {noi}',
    ],
    lead: [
      '[Liên quan đến|Về] [thông tin|bài viết] [lan truyền trên mạng xã hội|đang được chia sẻ] [về việc|cho rằng] {noi} [xuất hiện|có] {benh_la} [làm|khiến] {so_chet} người [tử vong|chết], Trung tâm Kiểm soát bệnh tật tỉnh [khẳng định|cho biết] [đây là|thông tin trên là] [thông tin sai sự thật|tin đồn không có cơ sở].',
      '[Ngày|Sáng] {ngay}, [đoàn công tác|đội đáp ứng nhanh] của [ngành y tế|Trung tâm Kiểm soát bệnh tật tỉnh] [đã|] [về|có mặt tại] {noi} [xác minh|kiểm tra] [thông tin|tin đồn] {benh_la} [đang gây xôn xao|lan truyền trên mạng].',
    ],
    detail: [
      '[Kết quả xác minh|Qua xác minh] [cho thấy|,] [trên địa bàn|tại {noi}] [không ghi nhận|không có] [ca bệnh lạ|trường hợp tử vong bất thường] [nào|]; [{n:1-2} trường hợp|trường hợp] [tử vong|qua đời] [gần đây|trong tháng] là [người cao tuổi, mắc bệnh nền|do bệnh lý có sẵn].',
      '[Mẫu nước giếng|Các mẫu nước] [tại|của] [các hộ|{thon}] [đã được lấy|được gửi] [xét nghiệm|đi phân tích] và [không phát hiện|chưa phát hiện] [tác nhân gây bệnh|chỉ tiêu bất thường].',
      '[Bài viết|Thông tin sai sự thật] [đã|] [thu hút|có] [hơn|gần] {n:2-9}.000 lượt chia sẻ [chỉ sau|trong] {n:1-3} ngày.',
    ],
    voice: [
      '“[Đọc trên Facebook thấy nói vậy|Nghe người ta đồn] [nên|thì] [cả nhà sợ lắm|tôi không dám cho con đi học], [không biết thực hư ra sao|phải gọi hỏi trạm y tế]”, {nguoi_dan} [nói|chia sẻ].',
      '{nguoi_dan} [cho biết|kể] [nhiều người|bà con] [đã|] [đổ xô đi mua nước bình|không dám dùng nước giếng] [sau khi|vì] [đọc|nghe] [tin đồn|thông tin trên mạng].',
    ],
  },
  response: {
    title: [
      '[Xử phạt|Phạt] [chủ tài khoản|người] [tung tin|đăng tin] [sai sự thật|thất thiệt] về {benh_la} ở {noi}',
      '[Tình hình sức khỏe|Đời sống] người dân {noi} [ổn định|trở lại bình thường] [sau|sau khi] [tin đồn|thông tin] {benh_la} [được làm rõ|bị bác bỏ]',
    ],
    lead: [
      '[Công an tỉnh|Công an xã] [đã|vừa] [mời làm việc|xác định] [chủ tài khoản Facebook|người] [đăng tải|đăng] [thông tin sai sự thật|bài viết] [về việc|rằng] {noi} [có|xuất hiện] {benh_la} [làm|khiến] {so_chet} người [tử vong|chết].',
    ],
    detail: [
      '[Tại cơ quan công an|Làm việc với công an], [người này|chủ tài khoản] [thừa nhận|khai nhận] [nghe người khác kể lại|tự suy diễn] [rồi|và] [đăng lên mạng|chia sẻ] [mà không kiểm chứng|để câu tương tác], [bị xử phạt|và bị phạt] {n:5-10} triệu đồng theo Nghị định 15.',
      '{chinh_quyen} [đã|] [thông báo|phát thanh] [trên hệ thống loa truyền thanh|tại các thôn] [để|nhằm] [người dân|bà con] [nắm rõ|yên tâm], [đồng thời|và] [khuyến cáo|đề nghị] [không chia sẻ|không lan truyền] [thông tin chưa kiểm chứng|tin đồn].',
    ],
    social: [
      '[Xã|Trạm y tế] [đã|vừa] [thông báo|nói rõ] [không có|làm gì có] {benh_la} [ở|tại] {noi_ngan}, [tin trên mạng|tin đồn] [là|toàn là] [bịa đặt|tin giả], [mọi người|bà con] [yên tâm|đừng share nữa] nha.',
      '[Vụ|Tin] {benh_la} [hóa ra|rốt cuộc] [là tin giả|là bịa], [người đăng|chủ tài khoản] [bị phạt rồi|bị công an mời lên], [đáng đời|phải vậy mới chừa].',
    ],
  },
  report: {
    summary: [
      'Xuất hiện tin đồn {benh_la} [làm chết người|gây tử vong] tại {noi}, gây hoang mang [trong|cho] một bộ phận nhân dân; ngành y tế đã xác minh, khẳng định thông tin sai sự thật.',
    ],
    proposal: [
      'Đề nghị [kịp thời cung cấp thông tin chính thống|xử lý nghiêm người tung tin sai sự thật] để ổn định tâm lý nhân dân.',
    ],
  },
};
