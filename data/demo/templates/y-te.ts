import type { TopicTemplates } from '../types.ts';

export const yTe: TopicTemplates = {
  topic: 'y-te',
  words: {
    co_quan: ['Sở Y tế', 'Trung tâm Kiểm soát bệnh tật tỉnh', 'Bảo hiểm xã hội tỉnh'],
    benh_vien: [
      'Bệnh viện Đa khoa vùng Tây Nguyên',
      'Bệnh viện Đa khoa tỉnh',
      'Bệnh viện Sản Nhi tỉnh',
      'Trung tâm Y tế khu vực',
      'trạm y tế {cap}',
    ],
    benh: [
      'sốt xuất huyết',
      'tay chân miệng',
      'sởi',
      'bạch hầu',
      'cúm A',
      'tiêu chảy cấp',
      'ngộ độc thực phẩm',
    ],
  },
  news: {
    title: {
      neg: [
        '[Số ca|Ca mắc] {benh} [tăng mạnh|tăng đột biến] ở {noi}',
        '[Hàng chục|Nhiều] người [nhập viện|cấp cứu] [nghi|do] ngộ độc [sau khi ăn cỗ|thực phẩm] ở {noi}',
        '[Thiếu thuốc|Thiếu vật tư y tế], [bệnh nhân|người bệnh] {noi} [phải tự mua ngoài|vất vả]',
        '{benh_vien} [quá tải|chật kín bệnh nhân], người dân {noi} [chờ khám cả buổi|mệt mỏi]',
      ],
      neu: [
        '{noi} [triển khai|tổ chức] [tiêm chủng|chiến dịch tiêm vắc xin] [phòng {benh}|cho trẻ em]',
        '[Khám sàng lọc|Khám bệnh miễn phí] cho [người cao tuổi|người dân] {noi}',
        '{co_quan} [khuyến cáo|cảnh báo] [phòng chống|nguy cơ] {benh} [mùa mưa|cuối năm]',
      ],
      pos: [
        '{benh_vien} [cứu sống|phẫu thuật thành công] [bệnh nhân|cho người bệnh] ở {noi} [bị đa chấn thương|nguy kịch]',
        '[Trạm y tế|Y tế cơ sở] {noi} [được đầu tư|nâng cấp], người dân [yên tâm|không phải đi xa] khám bệnh',
        '[Bác sĩ|Y bác sĩ] [vượt lũ|băng rừng] [cấp cứu|chăm sóc] [sản phụ|bệnh nhân] ở {noi}',
      ],
    },
    lead: {
      neg: [
        '[Từ đầu tháng {thang}|Trong {n:2-4} tuần qua], {noi} [ghi nhận|có] {n:15-160} ca mắc {benh}, [tăng|gấp] [gần {n:2-4} lần|{n:30-200}%] so với cùng kỳ, [tập trung ở|nhiều nhất tại] {thon}.',
        '[Tối|Trưa] {ngay}, {n:8-70} người ở {thon}, {noi} [phải nhập viện|được đưa đi cấp cứu] với [triệu chứng|biểu hiện] [đau bụng, nôn ói|buồn nôn, tiêu chảy] [sau khi ăn|nghi do ăn] [cỗ đám cưới|bánh mì|cơm hộp].',
      ],
      neu: [
        '[Ngày|Sáng] {ngay}, {chinh_quyen} [phối hợp|cùng] [trạm y tế|{co_quan}] [tổ chức|triển khai] [tiêm vắc xin|khám sàng lọc] cho [hơn|gần] {n:100-900} [trẻ em|người dân] trên địa bàn.',
        '{co_quan} [vừa có văn bản|đã ban hành công văn] [đề nghị|yêu cầu] các địa phương [tăng cường|chủ động] [giám sát|phòng chống] {benh}.',
      ],
      pos: [
        '[Các bác sĩ|Ê-kíp] {benh_vien} [vừa|đã] [cứu sống|can thiệp thành công] [một bệnh nhân|một sản phụ] ở {noi} [trong tình trạng nguy kịch|bị tai nạn nghiêm trọng].',
        'Sau khi [được đầu tư|nâng cấp] [hơn|gần] {n:1-9} tỷ đồng, trạm y tế {noi} [đã có|được trang bị] [máy siêu âm, xét nghiệm|đủ trang thiết bị], [phục vụ|khám cho] [hàng chục|{n:30-90}] lượt người mỗi ngày.',
      ],
    },
    detail: [
      '[Toàn tỉnh|Trên địa bàn tỉnh] [từ đầu năm|đến nay] [ghi nhận|có] [hơn|gần] {n:1-6}.{n:100-900} ca {benh}, [trong đó|có] {n:0-4} ca tử vong.',
      '[Trạm y tế|Cơ sở y tế] {cap} [hiện có|chỉ có] {n:3-9} [cán bộ|nhân viên], [phục vụ|chăm lo sức khỏe cho] [hơn|khoảng] {n:8-30}.000 người dân.',
      '[Tỷ lệ|Hiện] [tham gia bảo hiểm y tế|bao phủ bảo hiểm y tế] [trên địa bàn|của {cap}] [đạt|mới đạt] {n:82-96}%.',
    ],
    voice: {
      neg: [
        '“[Con tôi|Cháu] sốt [mấy ngày|cao] mà [xếp hàng|chờ] từ sáng [tới trưa|đến chiều] mới [được khám|tới lượt], [trong khi thuốc thì phải mua ngoài|nhiều loại thuốc bảo hiểm không có]”, {nguoi_dan} [bức xúc|than].',
        '{nguoi_dan} [cho biết|phản ánh] [khu vực|xóm] [có nhiều|ứ đọng] [vũng nước|rác], [muỗi nhiều|chưa được phun thuốc diệt muỗi] [dù đã có ca bệnh|dù đã báo].',
      ],
      neu: [
        '{nguoi_dan} cho biết [gia đình|bà con] [đã đưa con đi tiêm|chủ động phòng bệnh] [theo hướng dẫn|khi có thông báo] của trạm y tế.',
      ],
      pos: [
        '“[Giờ khám ở trạm|Khám ở trạm giờ] [gần nhà|tiện lắm], [bác sĩ nhiệt tình|có bảo hiểm chi trả], [không phải đi xa|khỏi phải lên tỉnh] như trước”, {nguoi_dan} [vui vẻ nói|chia sẻ].',
      ],
    },
    response: [
      '[Đại diện|Lãnh đạo] {co_quan} cho biết [đã chỉ đạo|đã cử đội cơ động] [khoanh vùng, xử lý ổ dịch|phun hóa chất diệt muỗi] và [lấy mẫu xét nghiệm|điều tra nguyên nhân].',
      '{lanh_dao} cho biết [{cap}|địa phương] [đã phối hợp|đang phối hợp] với [ngành y tế|{co_quan}] [tổ chức|thực hiện] [các biện pháp phòng chống dịch|tuyên truyền người dân].',
      '[Theo|Lãnh đạo] {benh_vien}, [tình trạng thiếu thuốc|việc quá tải] [do|xuất phát từ] [vướng thủ tục đấu thầu|nhân lực mỏng], [bệnh viện|đơn vị] [đang khắc phục|sẽ khắc phục trong tháng {thang}].',
    ],
  },
  social: {
    neg: [
      'Đưa con đi khám ở {benh_vien} [chờ từ 6h sáng|xếp hàng cả buổi] [tới trưa chưa tới lượt|mà chưa được khám], [mệt|khổ] [gì đâu|thật sự].',
      '[Xóm|Khu] mình ở {thon} [có mấy ca|mấy nhà bị] {benh} rồi mà [chưa thấy ai phun thuốc|không ai xuống kiểm tra], lo quá.',
      '[Đi khám|Khám] bảo hiểm mà [thuốc|mấy loại thuốc] [phải ra ngoài mua|không có], [vậy đóng bảo hiểm làm gì|đóng bảo hiểm để làm gì].',
    ],
    neu: [
      '[Cho hỏi|Hỏi] [tiêm vắc xin|tiêm phòng] {benh} ở {noi_ngan} [đi đâu|trạm y tế nào] [vậy ạ|có không]?',
      '[Thông báo|Lịch] [tiêm chủng|khám sàng lọc] tại trạm y tế {noi_ngan} [ngày|sáng] {ngay}, [phụ huynh|bà con] [mang theo sổ|lưu ý].',
    ],
    pos: [
      '[Cảm ơn|Biết ơn] [các bác sĩ|ê-kíp] {benh_vien} [đã cứu|chữa khỏi cho] [ba mình|con mình|mẹ em], [tận tâm|nhiệt tình] [lắm|quá].',
      'Trạm y tế {noi_ngan} [giờ|bây giờ] [khang trang|sạch đẹp] [ghê|lắm], [khám nhanh|bác sĩ dễ thương].',
    ],
  },
  report: {
    neg: [
      'Nhân dân lo lắng [về tình hình {benh}|vì tình trạng thiếu thuốc bảo hiểm y tế|về quá tải tại bệnh viện tuyến trên].',
    ],
    neu: [
      'Nhân dân quan tâm đến [công tác phòng chống dịch bệnh|việc tiêm chủng cho trẻ|chất lượng khám chữa bệnh bảo hiểm y tế].',
    ],
    pos: [
      'Nhân dân [đánh giá cao|hài lòng với] [chất lượng khám chữa bệnh tại trạm y tế|tinh thần phục vụ của đội ngũ y tế].',
    ],
    proposal: [
      'Đề nghị [ngành y tế bảo đảm đủ thuốc bảo hiểm y tế|tăng cường phun hóa chất phòng {benh}|bổ sung nhân lực cho trạm y tế].',
    ],
  },
};
