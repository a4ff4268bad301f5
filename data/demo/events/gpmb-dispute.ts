import { formatNumberVi } from '../template.ts';
import type { EventTemplates } from '../types.ts';

/** A land-compensation dispute: households reject the compensation price for a road project. */
export const gpmbDispute: EventTemplates = {
  kind: 'gpmb-dispute',
  topic: 'dat-dai',
  words: {
    du_an: ['dự án đường cao tốc', 'dự án cao tốc đoạn qua địa bàn', 'dự án đường cao tốc qua {noi_ngan}'],
    gia: ['{gia_den_bu} nghìn đồng/m²'],
  },
  facts: {
    so_ho: (rng) => String(rng.int(28, 75)),
    gia_den_bu: (rng) => String(rng.pick([85, 110, 126, 150, 172])),
    chieu_dai: (rng) => formatNumberVi(rng.int(25, 90) / 10, 1),
    dien_tich: (rng) => formatNumberVi(rng.int(120, 480) / 10, 1),
  },
  outbreak: {
    social: [
      'Đền bù [đất|đất rẫy] làm cao tốc ở {noi} [có|chỉ] {gia} [thôi|], [trong khi|mà] [ngoài kia|giá thị trường] [cả triệu một mét|gấp chục lần], [dân|bà con] [sao sống|lấy gì mua đất khác]?',
      '[Cả|Mấy chục] hộ ở {thon} [không đồng ý|không chịu] [giá đền bù|phương án bồi thường] {du_an}, [sáng nay|hôm nay] [kéo lên|lên] [xã|UBND xã] [hỏi cho ra lẽ|đòi đối thoại].',
      '[Đất|Rẫy cà phê] [nhà mình|của ba mẹ] [đang cho thu hoạch|trồng mấy chục năm] mà [đền|bồi thường] [có|được] [vài chục triệu|bằng mấy cái cây], [ai thấu|bất công quá].',
      '[Nghe nói|Bên dự án] [sắp|tuần sau] [cưỡng chế|cho máy vào ủi] [đất|rẫy] [ở|của bà con] {noi} [dù|trong khi] [chưa thống nhất giá|chưa ai nhận tiền], [bà con|mọi người] [lo lắm|đang rất bức xúc].',
    ],
    title: [
      '[Hàng chục|{so_ho}] hộ dân {noi} [không đồng ý|phản đối] giá bồi thường {du_an}',
      'Người dân {noi} [kêu cứu|bức xúc] vì giá đền bù [quá thấp|chỉ {gia}]',
    ],
    lead: [
      '[Nhiều ngày nay|Thời gian qua], {so_ho} hộ dân [có đất bị thu hồi|bị ảnh hưởng] [để làm|bởi] {du_an} ở {thon}, {noi} [liên tục|đã nhiều lần] [gửi đơn|kéo lên xã] [phản đối|không đồng ý] mức giá bồi thường {gia}.',
    ],
  },
  coverage: {
    title: [
      '[Vướng|Tắc] mặt bằng {du_an} ở {noi}: dân [chê|không chịu] giá đền bù {gia}',
      '{noi}: [{so_ho}|hàng chục] hộ dân [chưa bàn giao mặt bằng|không nhận tiền bồi thường] {du_an}',
      '[Bức xúc|Bất bình] giá bồi thường [đất|đất nông nghiệp] [tại|ở] {noi}',
    ],
    lead: [
      '[Theo phản ánh|Theo đơn] của {so_ho} hộ dân ở {thon}, {noi}, [phương án bồi thường|giá bồi thường] [đất nông nghiệp|đất trồng cà phê] [cho|của] {du_an} [chỉ|vỏn vẹn] {gia}, [thấp hơn nhiều|chỉ bằng một phần mười] [so với|giá chuyển nhượng] [thực tế|trên thị trường].',
      '[Dù|Mặc dù] [đã|] [được|có] [thông báo|quyết định] thu hồi đất [từ|vào] [tháng trước|đầu năm], [nhưng|song] [đến nay|hiện] [phần lớn|{so_ho}] hộ dân ở {noi} [vẫn|] [chưa|không] [nhận tiền|bàn giao mặt bằng] [vì|do] [không đồng ý|bức xúc với] [giá đền bù|mức giá bồi thường].',
    ],
    detail: [
      '[Đoạn tuyến|Dự án] [đi qua|qua] {noi} [dài khoảng|có chiều dài] {chieu_dai} km, [phải thu hồi|thu hồi] [khoảng|hơn] {dien_tich} ha đất, [chủ yếu là|phần lớn là] [đất trồng cà phê, hồ tiêu|đất sản xuất nông nghiệp].',
      '[Theo|Cũng theo] [người dân|các hộ], [đất|rẫy] [cùng vị trí|ven đường] [đang được|được] [mua bán|chuyển nhượng] [với giá|khoảng] {n:1-3}-{n:4-6} triệu đồng/m².',
      '[Một số hộ|Nhiều hộ] [cho biết|phản ánh] [việc kiểm đếm|biên bản kiểm đếm] [cây trồng, tài sản|trên đất] [chưa chính xác|bị thiếu], [cây cà phê đang cho thu hoạch|vườn sầu riêng] [chỉ được tính|bị tính] [như cây mới trồng|giá thấp].',
    ],
    voice: [
      '“[Gia đình tôi|Nhà tôi] [sống|canh tác] [nhờ|trên] [mấy sào cà phê này|mảnh đất này] [mấy chục năm|từ thời khai hoang], [giờ|nay] [đền bù|bồi thường] {gia} thì [không đủ mua lại|chẳng mua được] [một góc đất|đất chỗ khác]”, {nguoi_dan} [bức xúc|nói].',
      '{nguoi_dan} [cho biết|kể] [đã|] [gửi đơn|làm đơn] [lên xã, lên tỉnh|đến nhiều nơi] nhưng [chỉ nhận được|mới chỉ nhận] [văn bản trả lời|câu trả lời] [giữ nguyên giá|rằng giá đã đúng quy định].',
      '“[Chúng tôi|Bà con] [ủng hộ|không phản đối] [dự án|làm đường], [chỉ mong|nhưng mong] [được|nhà nước] [bồi thường|đền bù] [thỏa đáng|sát giá thị trường]”, {nguoi_dan} [chia sẻ|nói].',
    ],
  },
  response: {
    title: [
      '[Đối thoại|Tổ chức đối thoại] với [các hộ dân|người dân] [bị thu hồi đất|có đất] [làm|thuộc] {du_an} [tại|ở] {noi}',
      '[Xem xét lại|Rà soát] [giá bồi thường|phương án bồi thường] {du_an} [tại|ở] {noi}',
    ],
    lead: [
      '[Ngày|Sáng|Chiều] {ngay}, {chinh_quyen} [phối hợp với|cùng] [Ban Quản lý dự án|chủ đầu tư] [tổ chức|có buổi] đối thoại với {so_ho} hộ dân [có đất bị thu hồi|bị ảnh hưởng] [bởi|để làm] {du_an}.',
      '[Sau|Trước] [phản ánh|kiến nghị] của người dân [về|liên quan] giá bồi thường {du_an} [ở|tại] {noi}, {chinh_quyen} [đã|vừa] [có văn bản|đề nghị] [Sở Nông nghiệp và Môi trường|cơ quan chuyên môn] [xác định lại giá đất cụ thể|rà soát lại phương án].',
    ],
    detail: [
      '{lanh_dao} [khẳng định|cho biết] [giá bồi thường|phương án] [được xây dựng|được lập] [theo|căn cứ] [bảng giá đất|quy định hiện hành], [tuy nhiên|nhưng] [địa phương|{cap}] [sẽ|đã] [kiến nghị|đề xuất] [tỉnh|cấp có thẩm quyền] [điều chỉnh|xem xét hỗ trợ thêm] [cho phù hợp|để bảo đảm quyền lợi người dân].',
      '[Tại buổi đối thoại|Tại buổi làm việc], [nhiều hộ|người dân] [vẫn|] [giữ quan điểm|chưa đồng ý] [và|,] [đề nghị|yêu cầu] [thuê đơn vị tư vấn độc lập|định giá lại] [giá đất|tài sản trên đất].',
      '[Việc|Phương án] [cưỡng chế|bảo vệ thi công] [chưa được đặt ra|sẽ không thực hiện] [khi|trong lúc] [còn|đang] [đối thoại|xem xét kiến nghị] [của người dân|].',
    ],
    social: [
      '[Hôm nay|Sáng nay] [xã|chính quyền] [có|đã] [đối thoại|họp] [với bà con|với dân] [về|vụ] [đền bù|giá đền bù] cao tốc, [nhưng|mà] [chưa|vẫn chưa] [ra được kết quả|thống nhất gì].',
      '[Nghe nói|Nghe bảo] [tỉnh|xã] [sẽ|đang] [xem xét lại|tính lại] giá đền bù [cho bà con|ở] {noi}, [mong là thật|hy vọng lần này được thỏa đáng].',
    ],
  },
  report: {
    summary: [
      'Nhân dân [ở|tại] {noi} [bức xúc|không đồng tình] với [giá bồi thường|phương án bồi thường] {du_an}, [nhiều hộ|{so_ho} hộ] [chưa bàn giao mặt bằng|gửi đơn kiến nghị].',
    ],
    proposal: [
      'Đề nghị [xác định lại giá đất cụ thể|tổ chức đối thoại trực tiếp] [sát giá thị trường|với các hộ bị thu hồi đất] để bảo đảm quyền lợi người dân.',
    ],
  },
};
