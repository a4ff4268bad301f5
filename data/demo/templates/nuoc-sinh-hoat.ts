import type { TopicTemplates } from '../types.ts';

export const nuocSinhHoat: TopicTemplates = {
  topic: 'nuoc-sinh-hoat',
  words: {
    co_quan: [
      'Trung tâm Nước sạch và Vệ sinh môi trường nông thôn',
      'Công ty cổ phần cấp nước',
      'Sở Nông nghiệp và Môi trường',
    ],
    su_co: [
      'mất nước [sinh hoạt|máy] kéo dài',
      'nước máy [có màu vàng đục|có mùi lạ|có cặn]',
      'giếng khoan [khô cạn|trơ đáy]',
      'công trình cấp nước tập trung [hư hỏng|bỏ hoang]',
      'nước yếu, [lúc có lúc không|chỉ chảy ban đêm]',
    ],
  },
  news: {
    title: {
      neg: [
        '[Hàng trăm|Nhiều] hộ dân {noi} [khốn khổ|chật vật] vì {su_co}',
        '[Công trình|Nhà máy] cấp nước [tiền tỷ|hàng tỷ đồng] ở {noi} [bỏ hoang|“đắp chiếu”], dân [thiếu nước|vẫn dùng nước giếng]',
        '[Nước máy|Nước sạch] [ở|tại] {noi} [có màu lạ|vàng đục], người dân [lo lắng|không dám dùng]',
      ],
      neu: [
        '[Tạm ngừng|Cắt] cấp nước [ở|tại] {noi} [để sửa chữa|từ ngày {ngay}]',
        '{noi} [khảo sát|đầu tư] [hệ thống cấp nước|công trình nước sạch] [cho|về] {thon}',
        '[Kiểm tra|Lấy mẫu] chất lượng nước sinh hoạt [tại|ở] {noi}',
      ],
      pos: [
        '[Nước sạch|Nước máy] [về|đến] {thon}, {noi}, [bà con|người dân] [phấn khởi|hết cảnh gánh nước]',
        '{noi} [hoàn thành|đưa vào sử dụng] [công trình cấp nước|trạm cấp nước] [phục vụ|cho] {n:200-3000} hộ dân',
      ],
    },
    lead: {
      neg: [
        '[Nhiều ngày nay|Gần {n:1-3} tuần nay], [hàng trăm|{n:100-800}] hộ dân ở {thon}, {noi} [rơi vào cảnh|phải chịu cảnh] {su_co}, [phải mua nước bình|phải đi xin nước] [để sinh hoạt|về dùng].',
        '[Được đầu tư|Xây dựng] [hơn|gần] {n:2-30} tỷ đồng [từ năm|vào năm] 20{n:10-21}, [nhưng|song] công trình cấp nước [tập trung|] ở {noi} [chỉ hoạt động được|hoạt động] [vài năm|một thời gian ngắn] [rồi|thì] [hư hỏng|ngừng cấp nước].',
      ],
      neu: [
        '{co_quan} [thông báo|cho biết] [tạm ngừng|sẽ ngừng] cấp nước [tại|cho khu vực] {noi} [từ|trong] [ngày|sáng] {ngay} để [sửa chữa đường ống|đấu nối hệ thống mới].',
        '{chinh_quyen} [đang|vừa] [khảo sát|lập dự án] [hệ thống cấp nước|mở rộng mạng cấp nước] [cho|đến] {thon} [với kinh phí dự kiến|tổng vốn khoảng] {n:2-30} tỷ đồng.',
      ],
      pos: [
        '[Sau bao năm|Sau nhiều năm] [dùng nước giếng|gánh nước suối], [hơn|gần] {n:100-900} hộ dân ở {thon}, {noi} [đã có|chính thức được dùng] nước sạch [từ|qua] [hệ thống cấp nước tập trung|công trình mới].',
      ],
    },
    detail: [
      '[Tỷ lệ|Hiện] [hộ dân|người dân] [nông thôn|trên địa bàn] [được sử dụng nước sạch|dùng nước hợp vệ sinh] [mới đạt|đạt khoảng] {n:35-92}%.',
      '[Mỗi bình nước|Một bồn nước] [giá|mua] {n:10-400}.000 đồng, [mỗi tháng|gia đình] [tốn thêm|hết] [vài trăm nghìn|gần {n:1-3} triệu đồng].',
      '[Mực nước ngầm|Nước giếng] [xuống thấp|giảm] [khoảng|hơn] {n:2-15} m so với [cùng kỳ|mọi năm] [do nắng hạn kéo dài|vì ít mưa].',
    ],
    voice: {
      neg: [
        '“[Nước không có|Mất nước] [mấy ngày liền|cả tuần], [nhà có con nhỏ|tắm giặt, nấu ăn] [khổ lắm|không biết xoay sao], [phải đi chở nước|phải mua từng can] [về dùng|từ xa]”, {nguoi_dan} [bức xúc|than thở].',
      ],
      neu: [
        '{nguoi_dan} [mong|hy vọng] [công trình|hệ thống nước] [sớm được sửa|sớm hoàn thành] để [bà con có nước dùng|ổn định sinh hoạt].',
      ],
      pos: [
        '“[Giờ mở vòi là có nước|Có nước máy rồi], [không phải gánh nước suối nữa|con cháu đỡ khổ], [mừng lắm|vui lắm]”, {nguoi_dan} [cười|chia sẻ].',
      ],
    },
    response: [
      '{lanh_dao} cho biết [{cap}|địa phương] [đã bố trí|đang bố trí] [xe chở nước|bồn chứa] [hỗ trợ|cấp miễn phí] [cho các hộ|cho người dân] và [đề nghị|kiến nghị] {co_quan} [sớm khắc phục|sửa chữa].',
      '[Đại diện|Lãnh đạo] {co_quan} [giải thích|cho biết] [nguyên nhân|sự cố] [do|là do] [vỡ đường ống chính|nguồn nước cạn|máy bơm hỏng] và [cam kết|dự kiến] [khắc phục|cấp nước trở lại] [trong vài ngày tới|trước ngày {ngay}].',
    ],
  },
  social: {
    neg: [
      '[Cúp nước|Mất nước] [ở|tại] {noi_ngan} [mấy ngày rồi|cả tuần nay] mà [không có thông báo gì|chưa thấy ai sửa], [ai cũng vậy không|sống sao nổi].',
      'Nước máy [ở|chỗ] {thon} [hôm nay|mấy bữa nay] [vàng khè|đục ngầu|có mùi], [ai dám uống|tắm cũng ngứa].',
      'Giếng nhà mình [khô|cạn] [trơ đáy|hết rồi], [mua nước|chở nước] [từng can|từ xã bên] [tốn|mệt] [quá|lắm].',
    ],
    neu: [
      '[Cho hỏi|Hỏi] [khi nào|bao giờ] [có nước lại|cấp nước lại] ở {noi_ngan} [vậy|ạ], [ai biết|có thông báo] [không|chưa]?',
      '[Thông báo|Lưu ý]: [ngừng cấp nước|cúp nước] [khu vực|tại] {thon} [ngày|từ] {ngay} để [sửa chữa|bảo trì], [bà con|mọi người] [trữ nước|chuẩn bị].',
    ],
    pos: [
      '[Nước máy|Nước sạch] [về|tới] {thon} [rồi|rồi nha], [mở vòi là có|không phải gánh nữa], [vui|mừng] [quá|ghê] 🎉',
    ],
  },
  report: {
    neg: [
      'Nhân dân [bức xúc|lo lắng] vì [{su_co}|thiếu nước sinh hoạt trong mùa khô|công trình cấp nước hư hỏng chưa được sửa chữa].',
    ],
    neu: ['Nhân dân quan tâm đến [chất lượng nước sinh hoạt|tiến độ đầu tư công trình cấp nước].'],
    pos: ['Nhân dân phấn khởi khi [có nước sạch sinh hoạt|công trình cấp nước được đưa vào sử dụng].'],
    proposal: [
      'Đề nghị [sớm sửa chữa công trình cấp nước|hỗ trợ nước sinh hoạt cho vùng khô hạn|kiểm tra chất lượng nước máy].',
    ],
  },
};
