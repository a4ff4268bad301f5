import type { EventTemplates } from '../types.ts';

/** A dry-season water shortage: the commune's water plant runs dry and wells fail. */
export const waterShortage: EventTemplates = {
  kind: 'water-shortage',
  topic: 'nuoc-sinh-hoat',
  words: {
    cong_trinh: ['nhà máy nước', 'công trình cấp nước tập trung', 'trạm cấp nước'],
    nguon_nuoc: ['hồ chứa', 'đập dâng', 'giếng khoan'],
  },
  facts: {
    so_ho: (rng) => String(rng.int(35, 90) * 10),
    so_ngay: (rng) => String(rng.int(5, 12)),
  },
  outbreak: {
    social: [
      '[Mất nước|Cúp nước] [ở|tại] {noi} [cả tuần|{so_ngay} ngày] [rồi|nay], [giếng|giếng nhà] [cũng khô|cạn trơ đáy], [tắm|nấu cơm] [cũng không có nước|phải mua nước bình].',
      '[Ai|Có ai] [ở|bên] {thon} [có nước|còn nước máy] [không|chưa], [nhà mình|xóm mình] [khô|hết nước] [mấy ngày|từ tuần trước] rồi, [nắng|nóng] [như đổ lửa|quá] [mà|lại] không có nước.',
      '[Xe chở nước|Mua nước] [giá|lên] {n:150-300} nghìn [một khối|mỗi bồn] [mà|nhưng] [cũng|còn] [phải chờ|xếp hàng] [cả ngày|mới có], [dân|bà con] {noi_ngan} [khổ|khốn đốn] [quá|thật sự].',
      '{cong_trinh} [ở|của] {noi_ngan} [ngưng|dừng] [cấp nước|bơm] [mà|nhưng] [không ai thông báo|không nói khi nào có lại], [hỏi|gọi] [thì|] [không ai nghe máy|bảo đang chờ].',
    ],
    title: ['[Hàng trăm|{so_ho}] hộ dân {noi} [thiếu nước sinh hoạt|khát nước] [giữa mùa khô|vì nắng hạn]'],
    lead: [
      '[Nắng hạn kéo dài|Trời nắng gay gắt nhiều ngày], [nguồn nước|{nguon_nuoc}] [cạn kiệt|xuống thấp] [khiến|làm] {cong_trinh} [ở|tại] {noi} [ngừng|phải ngừng] cấp nước, [khoảng|hơn] {so_ho} hộ dân [rơi vào cảnh|lâm vào cảnh] thiếu nước sinh hoạt.',
    ],
  },
  coverage: {
    title: [
      '{noi}: [{so_ho} hộ dân|hàng trăm hộ] [khốn khổ|chật vật] [vì|do] [thiếu nước sinh hoạt|mất nước kéo dài]',
      '[Nắng hạn|Hạn hán] [gay gắt|kéo dài], [giếng khô|{cong_trinh} ngừng hoạt động], dân {noi} [mua nước từng can|đi xin nước]',
      '[Khát nước|Thiếu nước] [giữa mùa khô|giữa nắng hạn] [ở|tại] {noi}',
    ],
    lead: [
      '[Đã|Gần] {so_ngay} ngày nay, {so_ho} hộ dân [ở|tại] {thon} [và các thôn lân cận|và nhiều thôn khác], {noi} [không có|thiếu] nước sinh hoạt [do|vì] {cong_trinh} [ngừng hoạt động|không đủ nguồn nước để bơm], [giếng đào|giếng khoan] [của người dân|trong vùng] [cũng|đều] [khô cạn|trơ đáy].',
      '[Theo ghi nhận|Ghi nhận] [của phóng viên|] [ngày|sáng] {ngay} [tại|ở] {noi}, [nhiều|hàng chục] [hộ dân|gia đình] [phải|đang] [xếp can|chờ] [bên đường|trước cổng] [chờ|đợi] xe chở nước [của xã|từ nơi khác], [nhiều người|có người] [phải|] [đi xa|chạy xe máy] [hàng cây số|{n:3-10} km] [để mua nước|xin nước].',
    ],
    detail: [
      '[Mực nước|Dung tích] {nguon_nuoc} [cấp cho|của] {cong_trinh} [chỉ còn|hiện còn] [khoảng|dưới] {n:5-20}% [so với thiết kế|dung tích], [không đủ|không thể] [để bơm|vận hành máy bơm].',
      '[Người dân|Các hộ] [phải|đang] mua nước [với giá|giá] {n:150-300}.000 đồng/m³, [mỗi hộ|mỗi gia đình] [tốn|chi] [thêm|khoảng] [vài trăm nghìn|{n:300-900}.000 đồng] [mỗi tuần|một tuần].',
      '[Từ đầu mùa khô|Từ đầu tháng], [địa phương|{noi}] [gần như không có mưa|chỉ có {n:1-2} trận mưa nhỏ], [nhiệt độ|nắng nóng] [có ngày lên đến|lên tới] {n:36-40} độ C.',
    ],
    voice: [
      '“[Nhà có|Gia đình] {n:4-8} [người|miệng ăn] [mà|nhưng] [mỗi ngày|một ngày] [chỉ có|chỉ được] [vài can nước|một thùng nước], [tắm giặt phải nhịn|phải để dành nấu ăn], [con nhỏ|các cháu] [nổi rôm sảy|ngứa ngáy] [hết|cả người]”, {nguoi_dan} [than|bức xúc].',
      '{nguoi_dan} [cho biết|kể] [đã|] [khoan|đào] [giếng|thêm giếng] [sâu|xuống] {n:40-120} m [mà|nhưng] [vẫn|cũng] [không có nước|chỉ có chút nước đục], [tốn|mất] [hàng chục triệu đồng|{n:15-40} triệu đồng] [mà không ăn thua|vô ích].',
    ],
  },
  response: {
    title: [
      '{noi} [cấp nước miễn phí|chở nước] [cho|hỗ trợ] [người dân|{so_ho} hộ dân] [thiếu nước|bị hạn]',
      '[Khẩn trương|Tìm giải pháp] [cấp nước sinh hoạt|khắc phục tình trạng thiếu nước] [cho người dân|ở] {noi}',
    ],
    lead: [
      '[Ngày|Từ ngày] {ngay}, {chinh_quyen} [đã|] [huy động|điều] {n:2-6} xe bồn [chở nước|cấp nước] [miễn phí|] [đến các thôn|cho các hộ] [thiếu nước|bị ảnh hưởng], [mỗi ngày|trung bình mỗi ngày] [cấp|chở] {n:40-120} m³ nước.',
      '{chinh_quyen} [đã có văn bản|vừa đề nghị] [tỉnh|cấp trên] [hỗ trợ|bố trí] [kinh phí khẩn cấp|{n:1-5} tỷ đồng] để [khoan giếng mới|nạo vét {nguon_nuoc}] [và|,] [đấu nối|kéo đường ống] [cấp nước|từ nguồn khác] [cho|về] {noi}.',
    ],
    detail: [
      '{lanh_dao} cho biết [{cap}|địa phương] [ưu tiên|đang ưu tiên] [cấp nước cho|hỗ trợ] [hộ nghèo, người già neo đơn|các hộ khó khăn] [trước|], [dự kiến|phấn đấu] [khôi phục cấp nước|có nước trở lại] [trong|sau] [khoảng|] {n:7-15} ngày [tới|nữa].',
      '[Trung tâm Nước sạch và Vệ sinh môi trường nông thôn|Đơn vị quản lý] [cho biết|đã] [đang|] [khảo sát|khoan thăm dò] [nguồn nước ngầm|giếng mới] [để|nhằm] [bổ sung|tăng] [nguồn cấp|công suất] cho {cong_trinh}.',
    ],
    social: [
      '[Xã|Xe bồn của xã] [đã|đang] [chở nước|phát nước] [tới|về] {thon} [rồi|nha], [bà con|mọi người] [mang can|chuẩn bị thùng] [ra lấy|ra đầu ngõ] [nha|nhé].',
      '[Có nước xe bồn|Được phát nước] [cũng đỡ|là tốt rồi] [nhưng|mà] [không đủ dùng|mỗi nhà có chút xíu], [mong|chỉ mong] [sớm có nước máy lại|trời mưa].',
    ],
  },
  report: {
    summary: [
      'Nhân dân [tại|ở] {noi} [bức xúc|lo lắng] vì thiếu nước sinh hoạt kéo dài [trong mùa khô|do nắng hạn]; {cong_trinh} ngừng cấp nước, [giếng|giếng đào] khô cạn.',
    ],
    proposal: [
      'Đề nghị [hỗ trợ kinh phí khoan giếng|đầu tư nâng cấp {cong_trinh}|bố trí xe chở nước] [cho|tại] các thôn thiếu nước.',
    ],
  },
};
