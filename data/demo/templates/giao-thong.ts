import type { TopicTemplates } from '../types.ts';

export const giaoThong: TopicTemplates = {
  topic: 'giao-thong',
  words: {
    co_quan: ['Sở Xây dựng', 'Phòng Cảnh sát giao thông Công an tỉnh', 'Ban Quản lý dự án giao thông tỉnh'],
    tuyen: [
      'Quốc lộ 14',
      'Quốc lộ 26',
      'Quốc lộ 27',
      'Quốc lộ 29',
      'Quốc lộ 1',
      'Quốc lộ 25',
      'Tỉnh lộ 8',
      'đường liên xã',
      'đường liên thôn',
    ],
    phuong_tien: ['xe tải', 'xe khách', 'xe container', 'xe ben chở đất', 'ô tô con'],
    phuong_tien_khac: ['xe máy', 'xe máy', 'ô tô con', 'xe tải', 'xe đạp điện'],
  },
  news: {
    title: {
      neg: [
        '{tuyen} đoạn qua {noi} [xuống cấp nghiêm trọng|chi chít ổ gà], [người dân|người đi đường] [khốn khổ|gặp nguy]',
        '[Tai nạn|Va chạm] giữa {phuong_tien} và {phuong_tien_khac} [trên|ở] {tuyen}, {n:1-3} người [tử vong|bị thương nặng]',
        '[Xe quá tải|Xe chở cát quá tải] [cày nát|băm nát] đường [ở|tại] {noi}',
        '[Đèn đường|Hệ thống chiếu sáng] [hư hỏng|tắt ngấm] [nhiều tháng|cả năm] ở {noi}',
      ],
      neu: [
        '[Sửa chữa|Thảm nhựa] {tuyen} [đoạn qua|qua] {noi} [từ ngày|bắt đầu từ] {ngay}',
        '[Phân luồng|Điều chỉnh tổ chức] giao thông [trên|tại] {tuyen} [khu vực|qua] {noi}',
        '[Kiểm tra|Xử lý] [xe quá tải|vi phạm nồng độ cồn] trên {tuyen} [qua|đoạn qua] {noi}',
      ],
      pos: [
        '[Con đường mới|Tuyến đường bê tông] [về|đến] {thon}, {noi} [đã thông xe|được khánh thành]',
        '[Người dân|Bà con] {noi} [hiến đất|góp công] làm [đường giao thông nông thôn|đường liên thôn]',
        '[Cầu|Cây cầu] [mới|dân sinh] ở {noi} [hoàn thành|đưa vào sử dụng], [học sinh không còn|hết cảnh] [lội suối|đi đò]',
      ],
    },
    lead: {
      neg: [
        '[Nhiều tháng nay|Từ đầu mùa mưa], [đoạn|tuyến] {tuyen} [qua|đoạn qua] {noi} [xuất hiện|có] [hàng chục|nhiều] [ổ gà, ổ voi|vết lún sâu], [gây|tiềm ẩn] [nguy cơ tai nạn|khó khăn] cho người tham gia giao thông.',
        '[Khoảng|Vào khoảng] {n:5-22} giờ [ngày|] {ngay}, [trên|tại] {tuyen} [đoạn qua|khu vực] {noi} [xảy ra|đã xảy ra] vụ [tai nạn|va chạm] giữa {phuong_tien} và {phuong_tien_khac}, [khiến|làm] {n:1-3} người [tử vong|bị thương].',
      ],
      neu: [
        '{co_quan} [thông báo|cho biết] [từ|kể từ] ngày {ngay}, [đơn vị thi công|nhà thầu] [sẽ|bắt đầu] [sửa chữa|thảm nhựa] [khoảng|hơn] {d:1-12} km {tuyen} [đoạn qua|qua] {noi}.',
        '[Trong|Chỉ trong] [tuần|tháng {thang}], [lực lượng cảnh sát giao thông|tổ công tác] [đã|] [kiểm tra|lập biên bản] {n:30-400} [trường hợp|phương tiện] vi phạm [trên|ở] {tuyen} [đoạn qua|khu vực] {noi}.',
      ],
      pos: [
        '[Sau|Sau hơn] {n:3-14} tháng thi công, [tuyến đường|con đường] [dài|] {d:1-9} km [nối|về] {thon}, {noi} đã [hoàn thành|thông xe], [giúp|tạo thuận lợi cho] [hàng trăm|{n:200-900}] hộ dân [đi lại|vận chuyển nông sản].',
        '[Hưởng ứng|Thực hiện] phong trào [xây dựng nông thôn mới|làm đường giao thông nông thôn], [người dân|bà con] {thon}, {noi} [đã hiến|tự nguyện hiến] [hơn|gần] {n:1-9}.000 m² đất [và góp|cùng] [ngày công|tiền] [làm đường|mở rộng đường].',
      ],
    },
    detail: [
      '[Theo thống kê|Thống kê] của [công an|ngành chức năng], [từ đầu năm|trong {n:9-11} tháng], [trên|riêng] {tuyen} [xảy ra|đã xảy ra] {n:5-40} vụ tai nạn, [làm|khiến] {n:3-25} người chết.',
      '[Tuyến đường|Đoạn đường] [được đầu tư|xây dựng] [từ năm|vào năm] 20{n:10-20}, [đến nay|sau nhiều năm] [đã xuống cấp|chưa được sửa chữa lớn].',
      '[Tổng vốn|Kinh phí] [đầu tư|sửa chữa] [khoảng|hơn] {n:2-90} tỷ đồng [từ ngân sách tỉnh|từ nguồn vốn trung ương].',
    ],
    voice: {
      neg: [
        '“[Trời mưa là|Mưa xuống] [đường thành ao|ổ gà ngập nước], [không biết đâu mà tránh|xe máy té liên tục], [ngày nào cũng thấy người ngã|tuần nào cũng có tai nạn]”, {nguoi_dan} [bức xúc|nói].',
        '{nguoi_dan} cho biết [xe quá tải|xe chở đất] [chạy suốt ngày đêm|chạy liên tục], [bụi mù mịt|nhà cửa rung lắc], [trẻ con đi học|người già] [rất nguy hiểm|không dám ra đường].',
      ],
      neu: [
        '{nguoi_dan} [mong|hy vọng] [công trình|việc sửa chữa] [sớm hoàn thành|đúng tiến độ] để [việc đi lại thuận tiện|bà con yên tâm].',
      ],
      pos: [
        '“[Đường đẹp rồi|Có đường mới], [chở cà phê ra chợ|đưa con đi học] [nhanh|nhẹ] hơn [hẳn|nhiều], [xe cộ đỡ hư|không còn lo lầy lội]”, {nguoi_dan} [vui vẻ nói|chia sẻ].',
      ],
    },
    response: [
      '[Đại diện|Lãnh đạo] {co_quan} cho biết [đã có kế hoạch sửa chữa|đã giao đơn vị quản lý đường bộ vá ổ gà] và [sẽ triển khai|dự kiến hoàn thành] trong [tháng {thang}|quý IV].',
      '{lanh_dao} cho biết [{cap}|địa phương] [đã kiến nghị|nhiều lần đề xuất] [cấp trên|tỉnh] [đầu tư|bố trí vốn] [sửa chữa tuyến đường|lắp đèn chiếu sáng] [nhưng chưa có nguồn|và đang chờ phê duyệt].',
      '[Lực lượng cảnh sát giao thông|Công an] [cho biết|khẳng định] [sẽ tăng cường|đã tăng cường] [tuần tra, kiểm soát|xử lý xe quá tải] [trên tuyến|khu vực này].',
    ],
  },
  social: {
    neg: [
      'Đường {tuyen} [đoạn|khúc] qua {noi_ngan} [ổ gà|lồi lõm] [như ruộng|như bãi mìn], [tối qua|hôm qua] [lại có|thêm] [người té|vụ ngã xe].',
      '[Xe tải|Xe ben] [chạy|phóng] [ẩu|như điên] [trên|qua] {tuyen} [ở|đoạn] {noi_ngan}, [ai có người nhà đi qua|mọi người] [cẩn thận|coi chừng] nha.',
      '[Vừa|Mới] [xảy ra|có] tai nạn [ở|tại] {tuyen} [gần|đoạn] {noi_ngan}, [kẹt xe|ùn tắc] [dài|cả cây số], [ai đi|mọi người] [tránh|né] [đường này|ra] nhé.',
    ],
    neu: [
      '[Cho hỏi|Hỏi] đường {tuyen} [đoạn|qua] {noi_ngan} [đang sửa|làm đường] [đến khi nào|bao giờ xong] [vậy|ạ]?',
      '[Thông báo|Lưu ý]: [từ|kể từ] {ngay} [cấm|tạm cấm] [xe tải|phương tiện] [qua|trên] [cầu|đường] [ở|tại] {noi_ngan} để [sửa chữa|thi công].',
    ],
    pos: [
      '[Đường|Con đường] [về|vào] {thon} [được|đã] [bê tông|trải nhựa] [rồi|xong], [đẹp|êm] [quá|ghê] [mọi người|cả nhà] ơi.',
      '[Cảm ơn|Khen] [các anh|lực lượng] [CSGT|cảnh sát giao thông] [đứng|phân luồng] [giữa trời mưa|trong đêm] ở {noi_ngan} 👍',
    ],
  },
  report: {
    neg: [
      'Nhân dân [bức xúc|phản ánh] về [tình trạng xuống cấp của {tuyen}|xe quá tải gây hư hỏng đường|tai nạn giao thông gia tăng].',
    ],
    neu: ['Nhân dân quan tâm đến [tiến độ sửa chữa {tuyen}|các dự án giao thông trên địa bàn].'],
    pos: [
      'Nhân dân [phấn khởi|đồng tình] khi [đường giao thông nông thôn được bê tông hóa|tuyến đường được sửa chữa].',
    ],
    proposal: [
      'Đề nghị [sớm sửa chữa {tuyen}|xử lý nghiêm xe quá tải|lắp đặt đèn chiếu sáng, biển báo tại các điểm nguy hiểm].',
    ],
  },
};
