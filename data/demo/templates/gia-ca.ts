import type { TopicTemplates } from '../types.ts';

export const giaCa: TopicTemplates = {
  topic: 'gia-ca',
  words: {
    co_quan: ['Sở Công Thương', 'Đội QLTT số 3', 'Sở Tài chính'],
    mat_hang: [
      'thịt heo',
      'rau xanh',
      'xăng dầu',
      'gas',
      'gạo',
      'trứng gà',
      'cá biển',
      'sắt thép, xi măng',
      'phân bón',
      'sữa cho trẻ em',
    ],
    dich_vu: ['giá điện', 'giá nước sạch', 'phí gửi xe', 'giá vé xe khách', 'học phí', 'giá khám chữa bệnh'],
  },
  news: {
    title: {
      neg: [
        'Giá {mat_hang} tăng [mạnh|liên tục], người mua ở {noi} [lo lắng|phải bớt chi tiêu]',
        '[Hóa đơn tiền điện|Tiền điện] tháng {thang} [tăng vọt|tăng gấp đôi], người dân {noi} [thắc mắc|bức xúc]',
        '[Tiểu thương|Người bán] ở chợ {noi_ngan} [than ế|kêu khó] vì giá {mat_hang} [leo thang|tăng cao]',
        '[Xe khách|Nhà xe] [tăng giá vé|“chặt chém”] [dịp lễ|cuối tuần], hành khách {noi} bức xúc',
      ],
      neu: [
        'Giá {mat_hang} [tại|ở] {noi} [ổn định|biến động nhẹ] [trong tuần|đầu tháng {thang}]',
        '{co_quan} [đi soát|theo dõi sát] giá {mat_hang} ở [khắp tỉnh|{noi}]',
        '[Điều chỉnh|Áp dụng] {dich_vu} mới từ ngày {ngay}',
      ],
      pos: [
        'Giá {mat_hang} [giảm|hạ nhiệt], [người mua|bà nội trợ] ở {noi} [phấn khởi|dễ thở hơn]',
        '[Phiên chợ|Điểm bán] bình ổn giá [thu hút đông người dân|đông khách ghé mua] {noi}',
        '{noi}: hàng Việt [giá tốt|bình ổn] [về tận thôn, buôn|được người dân đón nhận]',
      ],
    },
    lead: {
      neg: [
        '[Những ngày qua|Từ đầu tháng {thang}], giá {mat_hang} tại [các chợ|chợ trung tâm] {noi} [tăng|đã tăng] [từ|khoảng] {n:5-30}% [so với hồi đầu tháng|chỉ trong vài tuần], khiến [nhiều gia đình|người lao động] [chật vật|lo lắng].',
        '[Nhiều|Hàng chục] hộ dân ở {thon}, {noi} [phản ánh|bức xúc] vì [hóa đơn tiền điện|tiền nước] tháng {thang} tăng [bất thường|gấp nhiều lần] trong khi [sinh hoạt vẫn như cũ|không dùng thêm thiết bị gì].',
      ],
      neu: [
        '[Theo ghi nhận|Ghi nhận] [sáng|chiều] {ngay} tại [chợ|các siêu thị ở] {noi}, giá {mat_hang} [dao động|ở mức] {n:15-180}.000 đồng/kg, [tương đương|không đổi so với] tuần trước.',
        '{co_quan} [vừa|mới] [gửi công văn|ban hành kế hoạch] [bình ổn thị trường|soát bảng giá ở các sạp] [dịp cuối năm|trong tháng {thang}].',
      ],
      pos: [
        '[Sau nhiều tháng tăng cao|Sau đợt tăng giá], giá {mat_hang} tại {noi} [đã giảm|giảm] [khoảng|từ] {n:5-25}%, [giúp|khiến] [người mua|người đi chợ] [bớt lo|phấn khởi].',
        '[Chương trình|Phiên chợ] đưa hàng Việt về [nông thôn|{noi}] [thu hút|phục vụ] [hàng nghìn|hơn {n:1-5}.000] lượt người dân [tham quan, mua sắm|mua hàng giá ưu đãi].',
      ],
    },
    detail: [
      '[Tại chợ|Ở chợ] {noi_ngan}, [thịt heo|thịt ba chỉ] [có giá|được bán] {n:110-170}.000 đồng/kg, [rau xanh|rau các loại] {n:15-40}.000 đồng/kg.',
      'Giá xăng RON 95 [hiện ở mức|được điều chỉnh lên] {n:20-26}.{n:100-900} đồng/lít [từ|kể từ] [15 giờ|] ngày {ngay}.',
      '[Theo|Cũng theo] [các tiểu thương|người bán], [sức mua|lượng khách] [giảm|giảm khoảng] {n:10-40}% [so với hồi năm ngoái|so với mấy tháng trước].',
    ],
    voice: {
      neg: [
        '“[Lương không tăng|Thu nhập thì vậy] mà [thứ nào cũng lên giá|giá cả cứ tăng], [đi chợ|ra chợ một bận] [100 nghìn|mấy trăm nghìn] [chẳng mua được gì|không đủ]”, {nguoi_dan} [than|chia sẻ].',
        '{nguoi_dan} cho biết [hóa đơn tiền điện|tiền điện] tháng này [lên đến|hết] {n:800-3500}.000 đồng, [gấp đôi|cao gấp rưỡi] tháng trước [dù|trong khi] [gia đình không dùng điều hòa|sinh hoạt không thay đổi].',
      ],
      neu: [
        '{nguoi_dan} [cho biết|nói] [gia đình|bà con] [đã quen|chủ động] [cân đối chi tiêu|mua hàng ở các điểm bình ổn].',
      ],
      pos: [
        '“[Giá rẻ hơn ngoài chợ|Hàng tốt, giá mềm], [lại đang giảm giá dịp cuối tuần|có nguồn gốc rõ ràng], tôi [mua được nhiều thứ|rất hài lòng]”, {nguoi_dan} [vui vẻ cho biết|chia sẻ].',
      ],
    },
    response: [
      '[Người phụ trách|Lãnh đạo] {co_quan} cho biết [sẽ tăng cường|đang tăng cường] [rà soát bảng giá niêm yết|giám sát giá ở các chợ], [xử lý nghiêm|không để yên cho] [những chỗ|hành vi] [găm hàng, tăng giá bất hợp lý|đầu cơ, thao túng giá].',
      '[Điện lực khu vực|ngành điện tỉnh] [giải thích|cho biết] [hóa đơn tăng do|nguyên nhân là] [mấy tuần nóng gắt|số ngày tính tiền nhiều hơn] và [sẵn sàng kiểm tra công tơ|cử nhân viên kiểm tra] [khi khách hàng có yêu cầu|tại nhà].',
    ],
  },
  social: {
    neg: [
      'Giá {mat_hang} [gì mà|sao] [tăng hoài|lên từng ngày] vậy trời, [đi chợ|lương] [không đủ|sao theo kịp].',
      'Tiền điện tháng {thang} nhà mình [lên|hết] [gần|hơn] {n:1-3} triệu, [có ai bị giống không|vô lý thật sự].',
      'Đi xe khách từ {noi_ngan} [về|lên] [Nha Trang|TP.HCM|Tuy Hòa|Buôn Ma Thuột] mà [nhà xe|họ] [thu|lấy] [gấp đôi|thêm] [tiền vé|mỗi người {n:100-200} nghìn], [chặt chém|quá đáng] quá.',
    ],
    neu: [
      'Giá {mat_hang} [hôm nay|sáng nay] ở chợ {noi_ngan} [bao nhiêu|thế nào] [vậy|rồi] [mọi người|cả nhà]?',
      '[Thông báo|Lưu ý]: [từ|kể từ] {ngay} [điều chỉnh|áp dụng] {dich_vu} mới, [mọi người|bà con] [cập nhật|lưu ý] nhé.',
    ],
    pos: [
      '[Nay|Hôm nay] giá {mat_hang} [giảm rồi|hạ rồi], [đi chợ|mua] [thấy|được] [nhẹ nhàng|dễ thở] hơn hẳn.',
      '[Phiên chợ|Điểm bán] bình ổn ở {noi_ngan} [hàng rẻ|giá tốt] [lắm|thật], [ai chưa đi|mọi người] [tranh thủ|ghé] nhé.',
    ],
  },
  report: {
    neg: [
      'Nhân dân [lo lắng|băn khoăn] về [giá {mat_hang} tăng cao|hóa đơn tiền điện tăng bất thường|giá vật tư nông nghiệp tăng], đời sống thêm chật vật.',
    ],
    neu: [
      'Nhân dân quan tâm đến [giá cả ngoài chợ lên xuống thế nào|giá xăng dầu, giá điện] [cuối năm|trong tháng].',
    ],
    pos: ['Giá [đồ dùng hằng ngày|ngoài chợ] [ổn định|được kiểm soát], nhân dân [yên tâm|đồng tình].'],
    proposal: [
      'Đề nghị [kiểm tra giá cả thường xuyên hơn|Sở Công Thương mở thêm chỗ bán hàng giá bình ổn|ngành điện giải thích rõ cách tính tiền điện].',
    ],
  },
};
