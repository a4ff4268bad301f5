import type { EventTemplates } from '../types.ts';

/** Heavy rain floods a lowland commune: villages cut off, houses flooded, crops lost. */
export const flood: EventTemplates = {
  kind: 'flood',
  topic: 'thien-tai',
  words: {
    song: ['{ten_song}'],
    thiet_hai: ['nhà dân bị ngập sâu', 'lúa, hoa màu bị ngập úng'],
    thiet_hai_khac: ['đường giao thông bị chia cắt', 'gia súc, gia cầm bị cuốn trôi', 'kênh mương bị sạt lở'],
  },
  facts: {
    ten_song: (rng) => rng.pick(['sông Ba', 'sông Bàn Thạch', 'sông Đà Rằng', 'sông Kỳ Lộ']),
    so_nha: (rng) => String(rng.int(120, 900)),
  },
  outbreak: {
    social: [
      '[Nước|Lũ] {song} [lên nhanh|lên quá nhanh] [mọi người|ae] ơi, [nhà|xóm] [mình|em] ở {thon} [ngập|nước vào] [tới|gần] [ngực|nóc tủ] rồi 😭',
      '[Cần|Cầu cứu] [hỗ trợ|giúp đỡ] [gấp|khẩn]: [có|còn] [người già|bà cụ] [và|với] [con nhỏ|trẻ em] [bị kẹt|mắc kẹt] [trong nhà|trên gác] [ở|tại] {thon}, {noi}, [ai có|có ai] [ghe|xuồng] [giúp|hỗ trợ] [với|gấp].',
      '[Mưa|Mưa cả đêm] [không ngớt|to quá], {song} [tràn bờ|dâng cao] [rồi|], [đường|lối] [vào|ra] {noi_ngan} [ngập|bị chia cắt] [hết rồi|không đi được].',
      '[Năm nay|Đợt này] [lũ|nước] [to|lớn] [hơn|còn hơn] [năm|trận lũ năm] [2009|2013|2020], [lúa|lúa vừa gieo] [và|cùng] [hoa màu|bò gà] [mất|trôi] [hết rồi|sạch].',
    ],
    title: [
      '[Nước lũ|Lũ] {song} [lên nhanh|dâng cao], [nhiều|hàng trăm] [nhà dân|hộ] {noi} [bị ngập|chìm trong nước]',
    ],
    lead: [
      '[Do|Sau] [mưa lớn kéo dài|mưa to liên tục] [từ|trong] [đêm qua|{n:2-3} ngày qua], [nước|mực nước] {song} [lên nhanh|dâng cao], [khiến|làm] [hàng trăm|{so_nha}] [ngôi nhà|nhà dân] [ở|tại] {noi} [bị ngập|ngập] [sâu|từ] {d:0.5-2} m.',
    ],
  },
  coverage: {
    title: [
      '{noi}: [{so_nha} nhà dân|hàng trăm nhà] [ngập sâu|bị ngập], [nhiều thôn|{thon}] [bị cô lập|bị chia cắt]',
      '[Lũ|Nước lũ] [nhấn chìm|bủa vây] {noi}, [di dời khẩn cấp|sơ tán] [hàng trăm|nhiều] [hộ dân|người]',
      '[Khẩn cấp|Gấp rút] [ứng cứu|hỗ trợ] người dân {noi} [trong|giữa] [lũ|mưa lũ]',
    ],
    lead: [
      '[Đến|Tính đến] [sáng|trưa] {ngay}, [tại|ở] {noi} [có|đã có] {so_nha} [ngôi nhà|nhà dân] [bị ngập|ngập sâu], [nhiều|{n:2-6}] thôn [bị chia cắt|bị cô lập], [hàng trăm|{n:200-900}] ha [lúa|hoa màu] [bị ngập úng|bị ảnh hưởng].',
      '[Lực lượng|Các lực lượng] [quân đội, công an|cứu hộ], {chinh_quyen} [đã|] [huy động|dùng] [ca nô, xuồng|phương tiện] [di dời|sơ tán] [khẩn cấp|] [hơn|gần] {n:100-600} [hộ|người] [ở|tại] [vùng trũng|khu vực ngập sâu] [đến nơi an toàn|đến trường học, nhà văn hóa].',
    ],
    detail: [
      '[Theo|Theo dự báo của] [Đài Khí tượng thủy văn tỉnh|cơ quan khí tượng], [mực nước|lũ] {song} [tại|ở] [trạm|khu vực] [hạ lưu|Củng Sơn] [đang|vẫn] [lên|ở mức] [trên|] báo động {n:2-3}, [mưa|mưa lớn] [còn|có thể] [kéo dài|tiếp diễn] [đến|trong] [hết ngày mai|{n:1-2} ngày tới].',
      '[Thiệt hại|Thiệt hại ban đầu] [ước tính|khoảng] {n:5-60} tỷ đồng, [chủ yếu là|gồm] {thiet_hai} [và|,] {thiet_hai_khac}.',
    ],
    voice: [
      '“[Nước lên|Lũ về] [nhanh quá|trong đêm], [chỉ kịp|không kịp] [bế con|đưa ông bà] [lên gác|ra ngoài], [lúa gạo|đồ đạc] [trôi hết|ngâm nước hết] rồi”, {nguoi_dan} [nói trong nước mắt|thẫn thờ].',
      '{nguoi_dan} [cho biết|kể] [cả nhà|gia đình] [phải|đã phải] [lên|trú] [gác|mái nhà] [suốt|cả] [đêm|mấy tiếng] [chờ|đợi] [cứu hộ|người đến giúp].',
    ],
  },
  response: {
    title: [
      '[Hỗ trợ|Khẩn cấp hỗ trợ] [gạo, nhu yếu phẩm|người dân] [vùng lũ|bị ngập] {noi}',
      '[Nước rút|Sau lũ], [người dân|bà con] {noi} [dọn dẹp|khắc phục hậu quả]',
    ],
    lead: [
      '[Ngày|Sáng] {ngay}, [lũ|nước] {song} [bắt đầu rút|đã rút], {chinh_quyen} [cùng|phối hợp] [lực lượng vũ trang|các đoàn thể] [giúp|hỗ trợ] người dân [dọn bùn|vệ sinh nhà cửa], [cấp|trao] [gạo, mì tôm, nước uống|nhu yếu phẩm] [cho|tới] [các hộ|{so_nha} hộ] [bị ngập|bị ảnh hưởng].',
    ],
    detail: [
      '{lanh_dao} cho biết [{cap}|địa phương] [đang|đã] [thống kê thiệt hại|rà soát thiệt hại] [để|và] [đề xuất|kiến nghị] [tỉnh|cấp trên] [hỗ trợ|xuất cấp] [giống cây trồng|gạo cứu trợ] [giúp|để] [người dân|bà con] [khôi phục sản xuất|sớm ổn định cuộc sống].',
      '[Ngành y tế|Trạm y tế] [đã|] [cấp|phát] [cloramin B|hóa chất khử trùng] [và|,] [hướng dẫn|khuyến cáo] [người dân|bà con] [xử lý nước|vệ sinh môi trường] [sau lũ|phòng dịch bệnh].',
    ],
    social: [
      '[Nước rút rồi|Lũ rút rồi] [mọi người|cả nhà] ơi, [bùn|bùn non] [ngập|đầy] [nhà|sân], [cả xóm|bà con] [đang|cùng] [dọn|xúc bùn], [cảm ơn|cảm ơn các anh bộ đội và] [mọi người|đoàn thanh niên] [đã giúp|hỗ trợ].',
      '[Đoàn|Nhóm] [từ thiện|thiện nguyện] [đã về|mang quà về] {thon}, [bà con|mọi người] [đỡ|bớt] [khổ|khó khăn] [phần nào|được chút], [thương|quý] [lắm|quá].',
    ],
  },
  report: {
    summary: [
      'Mưa lũ làm {so_nha} nhà dân ở {noi} bị ngập, nhiều thôn bị chia cắt; nhân dân lo lắng về [thiệt hại sản xuất|nguy cơ dịch bệnh sau lũ].',
    ],
    proposal: [
      'Đề nghị [hỗ trợ kịp thời gạo, giống cây trồng|đầu tư kè chống sạt lở bờ {song}|xây dựng khu tái định cư cho hộ vùng trũng].',
    ],
  },
};
