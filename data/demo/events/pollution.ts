import type { EventTemplates } from '../types.ts';

/** A pollution complaint: a cassava starch factory discharges wastewater into a stream. */
export const pollution: EventTemplates = {
  kind: 'pollution',
  topic: 'moi-truong',
  words: {
    nha_may: ['nhà máy tinh bột sắn', 'nhà máy chế biến tinh bột sắn', 'nhà máy sắn'],
    suoi: ['suối Ea {ten_suoi}', 'con suối chảy qua {thon}', 'suối {ten_suoi}'],
  },
  facts: {
    ten_suoi: (rng) => rng.pick(['Krông', 'Tlan', 'Knốp', 'Đrăng', 'Pal', 'Bông']),
  },
  outbreak: {
    social: [
      '[Tối nào|Đêm nào] {nha_may} [ở|tại] {noi_ngan} cũng [xả|thải] [nước|nước thải] [ra|xuống] {suoi}, [mùi hôi|hôi thối] [nồng nặc|không chịu nổi], [cả xóm|cả thôn] [phải đóng cửa|không ngủ được].',
      '[Cá|Cá tôm] [nổi trắng|chết hàng loạt] [trên|ở] {suoi} [gần|đoạn qua] {thon}, [nước|nước suối] [đen ngòm|đen kịt], [ai|dân] [dám dùng|tưới cà phê sao được].',
      '[Mùi chua|Mùi hôi] [từ|của] {nha_may} [bay|lan] [cả|khắp] {noi_ngan}, [trẻ con|con nít] [ho|bị ho] [suốt|liên tục], [chính quyền|xã] [ở đâu|có biết không]?',
      '[Xin|Mong] [mọi người|báo chí] [lên tiếng|share giúp], {nha_may} [xả thải|đầu độc] {suoi} [ở|tại] {noi} [mấy tháng nay|lâu rồi] mà [không ai xử lý|phạt xong lại xả tiếp].',
    ],
    title: ['[Người dân|Dân] {noi} [tố|bức xúc vì] {nha_may} [xả thải|gây ô nhiễm] [ra|xuống] {suoi}'],
    lead: [
      '[Nhiều ngày qua|Thời gian gần đây], [người dân|bà con] {thon}, {noi} [liên tục|nhiều lần] [phản ánh|kêu cứu] [về việc|vì] {nha_may} [trên địa bàn|gần khu dân cư] [xả nước thải|thải nước] [chưa qua xử lý|có mùi hôi] [ra|xuống] {suoi}, [gây|khiến] [cá chết|nước đen] [và|,] [bốc mùi hôi thối|ô nhiễm môi trường].',
    ],
  },
  coverage: {
    title: [
      '{noi}: {nha_may} [bị tố|nghi] [xả thải|đầu độc] {suoi}, [cá chết hàng loạt|dân bịt mũi sống]',
      '[Ô nhiễm|Bức xúc ô nhiễm] [từ|do] {nha_may} [ở|tại] {noi}',
      '[Nước thải|Mùi hôi] {nha_may} [hành|đầu độc] [người dân|bà con] {noi}',
    ],
    lead: [
      '[Theo ghi nhận|Ghi nhận] [của phóng viên|] [ngày|sáng] {ngay}, [đoạn|khu vực] {suoi} [gần|cách] {nha_may} [ở|tại] {noi} [khoảng|chưa đầy] {n:200-800} m [có màu đen|nổi bọt trắng], [bốc mùi chua nồng|mùi hôi nồng nặc], [nhiều|hàng trăm] [con cá|cá] [chết|nổi] [dạt vào bờ|trên mặt nước].',
      '[Hàng trăm|{n:100-400}] hộ dân [ở|tại] {noi} [đã|] [ký đơn|làm đơn] [gửi|lên] [các cơ quan chức năng|chính quyền] [phản ánh|tố cáo] {nha_may} [xả thải|gây ô nhiễm] [kéo dài|nhiều năm], [ảnh hưởng|tác động] [nghiêm trọng|] [đến|tới] [sức khỏe|đời sống] và [sản xuất|nguồn nước tưới].',
    ],
    detail: [
      '[Nhà máy|{nha_may}] [có công suất|công suất] [khoảng|hơn] {n:100-400} tấn [sản phẩm|tinh bột]/ngày, [hoạt động|đi vào hoạt động] [từ năm|năm] 20{n:10-18}, [hệ thống|hồ] [xử lý nước thải|chứa nước thải] [nằm|đặt] [sát|gần] {suoi}.',
      '[Vào mùa|Mùa] [thu hoạch sắn|chế biến], [nhà máy|{nha_may}] [chạy|hoạt động] [hết công suất|cả ngày đêm], [lượng nước thải|nước thải] [tăng|lên đến] [hàng nghìn m³|{n:2-6}.000 m³] [mỗi ngày|một ngày].',
      '[Năm ngoái|Năm trước|Hồi năm ngoái], [nhà máy|{nha_may}] [từng|đã từng] [bị xử phạt|bị phạt] [hơn|gần] {n:200-800} triệu đồng [vì|do] [xả thải vượt quy chuẩn|vi phạm về môi trường].',
    ],
    voice: [
      '“[Cứ tối là|Đêm nào cũng] [mùi hôi|mùi chua] [xộc vào nhà|bốc lên], [cả nhà|các cháu] [phải đóng kín cửa|không ăn cơm nổi], [nước suối|nước giếng] [giờ|bây giờ] [đen ngòm|có mùi], [không dám dùng|tưới cà phê cũng sợ]”, {nguoi_dan} [bức xúc|nói].',
      '{nguoi_dan} [cho biết|kể] [đã|] [nhiều lần|mấy năm nay] [phản ánh|kiến nghị] [tại các buổi tiếp xúc cử tri|lên xã] [nhưng|mà] [nhà máy|{nha_may}] [chỉ khắc phục vài hôm|bị phạt xong] [rồi|lại] [xả tiếp|đâu vào đấy].',
    ],
  },
  response: {
    title: [
      '[Kiểm tra|Đoàn liên ngành kiểm tra] {nha_may} [bị tố|gây ô nhiễm] [xả thải|] [ở|tại] {noi}',
      '[Đình chỉ|Tạm dừng] [hoạt động|xả thải] [của|] {nha_may} [gây ô nhiễm|] [tại|ở] {noi}',
    ],
    lead: [
      '[Ngày|Chiều] {ngay}, [đoàn kiểm tra liên ngành|đoàn công tác] [gồm|của] [Sở Nông nghiệp và Môi trường, Công an tỉnh|các sở, ngành] [và|cùng] {chinh_quyen} [đã|] [kiểm tra|làm việc] [đột xuất|] [tại|với] {nha_may} [sau phản ánh|theo phản ánh] [của người dân|của báo chí].',
    ],
    detail: [
      '[Đoàn|Đoàn kiểm tra] [đã|] [lấy mẫu|lấy {n:3-6} mẫu] [nước thải|nước suối] [để|gửi] [phân tích|quan trắc]; [kết quả|kết quả sơ bộ] [cho thấy|,] [chỉ tiêu|các chỉ tiêu] [COD, BOD5|COD, TSS] [vượt quy chuẩn|vượt] [từ|] {d:2-9} lần.',
      '{lanh_dao} cho biết [đã yêu cầu|đề nghị] [nhà máy|{nha_may}] [tạm dừng xả thải|dừng hoạt động] [cho đến khi|đến khi] [khắc phục xong|hệ thống xử lý đạt chuẩn] và [đề nghị|kiến nghị] [tỉnh|cơ quan chức năng] [xử lý nghiêm|xử phạt theo quy định].',
    ],
    social: [
      '[Đoàn kiểm tra|Tỉnh] [đã về|xuống] [kiểm tra|lấy mẫu] {nha_may} [rồi|hôm nay], [mong|hy vọng] [lần này|] [xử lý|xử] [dứt điểm|tới nơi tới chốn] [chứ|không phải] [đừng|] [phạt xong|để rồi] [lại xả tiếp|đâu lại vào đấy].',
      '[Mấy hôm nay|Từ hôm đoàn kiểm tra xuống] [đỡ mùi|hết mùi] [hẳn|rồi], [nhưng|mà] [suối|nước suối] [vẫn còn đen|chưa trong lại], [không biết|chẳng biết] [được bao lâu|có bền không].',
    ],
  },
  report: {
    summary: [
      'Nhân dân {noi} bức xúc vì {nha_may} xả thải [gây ô nhiễm|làm cá chết] [trên|ở] {suoi}, [ảnh hưởng|tác động] [đến|tới] [sức khỏe|sinh hoạt và sản xuất].',
    ],
    proposal: [
      'Đề nghị [kiểm tra, xử lý dứt điểm|đình chỉ hoạt động] {nha_may} [cho đến khi|nếu] [khắc phục xong|còn vi phạm]; công khai kết quả quan trắc.',
    ],
  },
};
