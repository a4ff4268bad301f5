import type { TopicTemplates } from '../types.ts';

export const thienTai: TopicTemplates = {
  topic: 'thien-tai',
  words: {
    co_quan: [
      'Ban Chỉ huy phòng thủ dân sự tỉnh',
      'Đài Khí tượng thủy văn tỉnh',
      'Sở Nông nghiệp và Môi trường',
    ],
    hien_tuong: [
      'mưa lớn',
      'lốc xoáy',
      'sạt lở đất',
      'lũ quét',
      'ngập úng',
      'triều cường',
      'sạt lở bờ sông',
      'mưa đá',
    ],
  },
  news: {
    title: {
      neg: [
        '{hien_tuong} [làm|khiến] [hàng chục|{n:10-90}] [ngôi nhà|hộ dân] ở {noi} [tốc mái|bị hư hỏng]',
        '[Sạt lở|Nguy cơ sạt lở] [đe dọa|uy hiếp] [hàng chục hộ dân|khu dân cư] ở {noi}',
        '[Nước ngập|Ngập sâu] [chia cắt|cô lập] [nhiều thôn|{thon}] ở {noi}',
      ],
      neu: [
        '{noi} [chủ động|triển khai] [phương án|kế hoạch] [phòng, chống|ứng phó] [mưa lũ|bão] [năm {nam}|mùa mưa]',
        '{co_quan} [cảnh báo|dự báo] {hien_tuong} [tại|ở] [các xã|{noi}] [trong|từ] [hai ngày tới|đêm nay]',
        '[Di dời|Sơ tán] {n:10-300} hộ dân [khỏi vùng nguy hiểm|ở vùng trũng] [tại|ở] {noi}',
      ],
      pos: [
        '[Bộ đội|Lực lượng vũ trang] [giúp|hỗ trợ] người dân {noi} [khắc phục hậu quả|dọn dẹp sau] [mưa lũ|{hien_tuong}]',
        '[Người dân|Bà con] {noi} [được hỗ trợ|nhận] [gạo, nhu yếu phẩm|tiền] [sau|khắc phục] {hien_tuong}',
      ],
    },
    lead: {
      neg: [
        '[Chiều|Đêm] {ngay}, {hien_tuong} [kèm gió giật mạnh|kéo dài] [đã|] [làm|khiến] {n:10-120} [ngôi nhà|hộ dân] ở {thon}, {noi} [bị tốc mái, hư hỏng|bị ảnh hưởng], [nhiều|hàng chục ha] [cây trồng|hoa màu] [bị ngã đổ|ngập úng].',
        '[Do|Sau những ngày] [mưa lớn kéo dài|mưa liên tục], [tại|ở] {thon}, {noi} [xuất hiện|đã xuất hiện] [vết nứt|điểm sạt lở] [dài|khoảng] {n:20-300} m, [đe dọa|uy hiếp] [an toàn của|] {n:5-60} hộ dân.',
      ],
      neu: [
        '[Theo|Theo dự báo của] {co_quan}, [từ|trong] [đêm nay|ngày mai] [đến|và] [ngày {ngay}|những ngày tới], [khu vực|các xã] [phía Đông tỉnh|ven biển|vùng núi] [có|sẽ có] {hien_tuong} [với lượng mưa|lượng mưa phổ biến] {n:100-350} mm.',
        '{chinh_quyen} [đã|vừa] [triển khai|kiểm tra] [phương án|công tác] [“bốn tại chỗ”|phòng, chống thiên tai], [dự trữ|chuẩn bị] [lương thực|nhu yếu phẩm] [cho|tại] [các vùng có nguy cơ|{n:3-10} thôn].',
      ],
      pos: [
        '[Ngay sau|Ngay khi] {hien_tuong} [đi qua|rút], [hàng trăm|{n:50-400}] [cán bộ, chiến sĩ|đoàn viên thanh niên] [đã có mặt|được huy động] [giúp|hỗ trợ] người dân {noi} [dựng lại nhà|dọn bùn đất].',
      ],
    },
    detail: [
      '[Tổng thiệt hại|Thiệt hại] [ban đầu|sơ bộ] [ước tính|khoảng] {n:1-40} tỷ đồng; [không có thiệt hại về người|{n:1-3} người bị thương].',
      '[Mực nước|Mực nước trên] [sông Ba|sông Kỳ Lộ|sông Bàn Thạch|sông Krông Ana|sông Sêrêpốk] [đang lên|vượt báo động {n:1-3}].',
      '[Địa phương|Xã] [đã|] [huy động|bố trí] {n:30-300} [người|lực lượng] [và|cùng] {n:2-12} [ca nô, xuồng|phương tiện] [sẵn sàng ứng cứu|túc trực].',
    ],
    voice: {
      neg: [
        '“[Nước lên nhanh quá|Chỉ trong vài giờ nước đã ngập], [không kịp|chưa kịp] [kê đồ đạc|di chuyển lúa gạo], [mất hết rồi|coi như trắng tay]”, {nguoi_dan} [nói trong nước mắt|thẫn thờ].',
      ],
      neu: [
        '{nguoi_dan} [cho biết|chia sẻ] [gia đình|bà con] [đã chằng chống nhà cửa|chuẩn bị lương thực] [từ sớm|theo hướng dẫn] [của {cap}|].',
      ],
      pos: [
        '“[Các chú bộ đội|Các bạn thanh niên] [giúp dọn nhà cả ngày|có mặt ngay], [gia đình tôi|bà con] [biết ơn lắm|cảm động lắm]”, {nguoi_dan} [xúc động|chia sẻ].',
      ],
    },
    response: [
      '{lanh_dao} cho biết [{cap}|địa phương] [đã di dời|đã hỗ trợ] [các hộ|người dân] [đến nơi an toàn|lương thực, nước uống] và [đang thống kê thiệt hại|sẽ đề xuất tỉnh hỗ trợ].',
      '{co_quan} [đề nghị|yêu cầu] [các địa phương|người dân] [không chủ quan|theo dõi chặt chẽ diễn biến], [không|tuyệt đối không] [qua lại|đi qua] [ngầm tràn|khu vực sạt lở] [khi nước chảy xiết|trong lúc mưa lớn].',
    ],
  },
  social: {
    neg: [
      '[Mưa|Lũ] [từ tối qua tới giờ|cả đêm], [nước|nước lũ] [ngập|vào] [tới|gần] [đầu gối|nửa nhà] ở {thon} rồi [mọi người|ae] ơi 😢',
      '{hien_tuong} [vừa|mới] [quét qua|xảy ra ở] {noi_ngan}, [nhà|mái nhà] [mấy hộ|hàng xóm] [bay hết mái|tốc hết], [thương quá|lo quá].',
      'Đường [vào|về] {thon} [sạt|bị sạt lở] [rồi|hết], [không đi được|xe không qua được], [bà con|người già] [kẹt lại|bị cô lập].',
    ],
    neu: [
      '[Cập nhật|Thông tin] [mực nước|tình hình mưa] ở {noi_ngan} [lúc|sáng] {n:5-22}h [hôm nay|ngày {ngay}]: [nước đang lên|nước bắt đầu rút], [mọi người|bà con] [chú ý|theo dõi].',
      '[Số điện thoại|Đường dây nóng] [cứu hộ|hỗ trợ] [của {cap}|ở] {noi_ngan}: [liên hệ|gọi] [trưởng thôn|ban chỉ huy {cap}] [khi cần|nếu cần hỗ trợ].',
    ],
    pos: [
      '[Cảm ơn|Biết ơn] [các anh bộ đội|lực lượng cứu hộ] [đã|] [giúp|đưa] [bà con|người già, trẻ nhỏ] {noi_ngan} [ra khỏi vùng ngập|đến nơi an toàn] ❤️',
      'Nước [rút rồi|đã rút], [cả xóm|bà con] [cùng nhau|] [dọn dẹp|khắc phục], [ai cũng|mọi người] [giúp nhau|tương trợ] [thương lắm|ấm lòng].',
    ],
  },
  report: {
    neg: [
      'Nhân dân [lo lắng|bất an] trước [nguy cơ sạt lở, lũ quét|thiệt hại do {hien_tuong}] trong mùa mưa.',
    ],
    neu: ['Nhân dân quan tâm đến [công tác phòng, chống thiên tai|phương án di dời dân ở vùng nguy hiểm].'],
    pos: [
      'Nhân dân [đồng tình|đánh giá cao] [sự chủ động của chính quyền|sự hỗ trợ kịp thời] trong [ứng phó|khắc phục hậu quả] thiên tai.',
    ],
    proposal: [
      'Đề nghị [hỗ trợ kịp thời các hộ bị thiệt hại|đầu tư kè chống sạt lở|sớm bố trí tái định cư cho hộ ở vùng nguy hiểm].',
    ],
  },
};
