import type { EventTemplates } from '../types.ts';

/** A run of serious crashes at one stretch of national road that residents call a black spot. */
export const trafficBlackSpot: EventTemplates = {
  kind: 'traffic-black-spot',
  topic: 'giao-thong',
  words: {
    diem: [
      'khúc cua {tuyen} đoạn qua {thon}',
      'đoạn đèo dốc trên {tuyen}',
      'ngã ba {tuyen} giao đường vào {thon}',
    ],
    tuyen: ['{ten_tuyen}'],
    xe: ['xe tải', 'xe container', 'xe khách', 'xe đầu kéo'],
  },
  facts: {
    ten_tuyen: (rng) => rng.pick(['Quốc lộ 14', 'Quốc lộ 14', 'đường Hồ Chí Minh (Quốc lộ 14)']),
    so_vu: (rng) => String(rng.int(4, 9)),
  },
  outbreak: {
    social: [
      '[Lại|Thêm] [tai nạn|một vụ tai nạn] [ở|tại] {diem} [rồi|nữa], [tháng này|từ đầu tháng] [là vụ thứ|đã] {so_vu} [rồi|vụ], [đi qua|chạy ngang] [sợ|run] [thật sự|lắm].',
      '{xe} [mất lái|lao] [vào|qua] [nhà dân|dải phân cách] [ở|tại] {diem}, [may|hên] [không có người|không ai chết] [nhưng|mà] [cứ vậy hoài|tuần nào cũng có].',
      '[Khúc cua|Đoạn đường] [ở|qua] {noi_ngan} [đúng là|thành] [“điểm đen”|“cua tử thần”], [không đèn|không biển báo], [xe tải|xe lớn] [chạy|lao] [như bay|ẩu], [ai có thẩm quyền|chính quyền] [làm gì đi|xem giúp].',
      '[Cầu nguyện|Thương] [cho|gia đình] [nạn nhân|em học sinh] [vụ tai nạn|bị xe tải tông] [sáng nay|chiều qua] [ở|tại] {diem} 🙏 [đường này|đoạn này] [nguy hiểm|chết người] [quá|lắm] rồi.',
    ],
    title: ['[Liên tiếp|Lại xảy ra] tai nạn [nghiêm trọng|] [tại|ở] {diem}, {noi}'],
    lead: [
      '[Khoảng|Vào khoảng] {n:5-22} giờ [ngày|] {ngay}, [tại|trên] {diem} [thuộc|ở] {noi} [lại xảy ra|đã xảy ra|xảy ra] vụ tai nạn giữa {xe} và xe máy, [khiến|làm] {n:1-2} người [tử vong|chết tại chỗ] [và|,] {n:1-3} người bị thương.',
    ],
  },
  coverage: {
    title: [
      '“[Điểm đen|Cua tử thần]” [trên|ở] {tuyen} [đoạn qua|qua] {noi}: {so_vu} vụ tai nạn [trong|chỉ trong] [một tháng|vài tuần]',
      '[Người dân|Dân] {noi} [sống thấp thỏm|lo sợ] [bên|cạnh] [“điểm đen” tai nạn|khúc cua tử thần] {tuyen}',
      '[Cần|Khẩn cấp] [xử lý|khắc phục] [điểm đen|điểm nguy hiểm] [tai nạn|giao thông] [trên|tại] {tuyen} [qua|đoạn qua] {noi}',
    ],
    lead: [
      '[Chỉ trong|Trong vòng] [chưa đầy|khoảng] [một tháng|{n:3-5} tuần], [tại|trên] {diem}, {noi} [đã|] [xảy ra|liên tiếp xảy ra] {so_vu} vụ tai nạn giao thông, [làm|khiến] {n:2-5} người [chết|tử vong] và [nhiều|{n:4-9}] người bị thương.',
      '[Đoạn|Khúc cua] {tuyen} [qua|thuộc] {noi} [có|với] [địa hình|độ dốc] [quanh co|lớn], [tầm nhìn hạn chế|khuất tầm nhìn], [thiếu|không có] [biển cảnh báo|đèn chiếu sáng], [được|bị] người dân [gọi là|ví như] “[điểm đen|cua tử thần]”.',
    ],
    detail: [
      '[Theo|Cũng theo] [người dân|thống kê của công an], [từ đầu năm|trong năm {nam}] [tại|trên] [đoạn này|đoạn đường dài chưa đầy {n:1-3} km] [đã xảy ra|có] [hơn|gần] {n:10-25} vụ tai nạn.',
      '[Lưu lượng|Mật độ] [xe tải, xe container|xe trọng tải lớn] [qua lại|lưu thông] [trên tuyến|ở đoạn này] [rất lớn|tăng mạnh] [vào mùa thu hoạch|từ khi có cao tốc], [nhiều xe|nhiều tài xế] [chạy quá tốc độ|vượt ẩu] [khi xuống dốc|qua khúc cua].',
    ],
    voice: [
      '“[Nhà tôi|Quán tôi] [ở ngay|sát] khúc cua, [tuần nào cũng nghe tiếng xe đâm|đêm nào cũng giật mình], [có lần|từng có] [xe tải|xe container] [lao thẳng vào|tông sập] [nhà|hàng rào]”, {nguoi_dan} [kể|nói].',
      '{nguoi_dan} [đề nghị|mong] [cơ quan chức năng|ngành giao thông] [sớm|khẩn trương] [lắp|làm] [gờ giảm tốc, đèn cảnh báo|dải phân cách] và [mở rộng|cải tạo] [khúc cua|đoạn đường] [trước khi|để không] [có thêm người chết|xảy ra thêm tai nạn].',
    ],
  },
  response: {
    title: [
      '[Khảo sát|Kiểm tra hiện trường] [“điểm đen”|điểm nguy hiểm] [tai nạn|] [trên|tại] {tuyen} [qua|đoạn qua] {noi}',
      '[Lắp|Bổ sung] [biển báo, gờ giảm tốc|đèn cảnh báo] [tại|ở] [điểm đen|khúc cua] [tai nạn|] {tuyen}',
    ],
    lead: [
      '[Ngày|Sáng] {ngay}, [Sở Xây dựng|Ban An toàn giao thông tỉnh] [phối hợp|cùng] [Phòng Cảnh sát giao thông|công an] và {chinh_quyen} [đã|] [khảo sát|kiểm tra] [hiện trường|thực địa] [tại|ở] {diem} [sau|sau khi] [liên tiếp xảy ra tai nạn|báo chí phản ánh].',
    ],
    detail: [
      '[Đoàn|Đoàn khảo sát] [thống nhất|đã thống nhất] [lắp đặt|bổ sung] [biển cảnh báo|đèn tín hiệu vàng nhấp nháy], [sơn|kẻ] [gờ giảm tốc|vạch giảm tốc] [và|,] [phát quang|dọn] [tầm nhìn|cây cối che khuất] [trong|ngay trong] [tuần tới|tháng {thang}]; [về lâu dài|lâu dài] [sẽ|đề xuất] [cải tạo|nắn] [khúc cua|đoạn tuyến].',
      '[Lực lượng cảnh sát giao thông|Công an] [đã|sẽ] [bố trí|tăng cường] [tổ tuần tra|chốt kiểm soát] [tốc độ|] [tại|ở] [khu vực|đoạn đường] [này|] [vào giờ cao điểm|cả ngày đêm].',
    ],
    social: [
      '[Thấy|Đã thấy] [lắp|có] [biển báo|đèn cảnh báo] [ở|tại] khúc cua {noi_ngan} rồi, [mong|hy vọng] [bớt tai nạn|đỡ hơn], [nhưng|mà] [cần|phải] [mở rộng đường|nắn cua] [mới|thì mới] [giải quyết tận gốc|ăn thua].',
      '[CSGT|Công an] [đứng|chốt] [bắn tốc độ|kiểm tra] [ở|tại] {diem} [mấy hôm nay|rồi], [xe tải|xe lớn] [chạy|đi] [chậm|từ tốn] [hẳn|hơn].',
    ],
  },
  report: {
    summary: [
      'Nhân dân {noi} lo lắng, bức xúc vì [liên tiếp xảy ra tai nạn|{so_vu} vụ tai nạn] tại {diem}, đề nghị sớm có giải pháp.',
    ],
    proposal: [
      'Đề nghị [lắp đặt biển báo, đèn cảnh báo|cải tạo khúc cua|tăng cường tuần tra kiểm soát tốc độ] tại {diem}.',
    ],
  },
};
