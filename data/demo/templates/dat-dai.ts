import type { TopicTemplates } from '../types.ts';

export const datDai: TopicTemplates = {
  topic: 'dat-dai',
  words: {
    co_quan: [
      'Sở Nông nghiệp và Môi trường',
      'Văn phòng Đăng ký đất đai tỉnh',
      'Chi nhánh Văn phòng Đăng ký đất đai',
    ],
    van_de: [
      'tranh chấp đất rẫy',
      'cấp giấy chứng nhận quyền sử dụng đất',
      'lấn chiếm đất công',
      'chuyển mục đích sử dụng đất',
      'phân lô bán nền trái phép',
      'xây dựng trái phép trên đất nông nghiệp',
      'bồi thường giải phóng mặt bằng',
      'thu hồi đất của nông, lâm trường',
    ],
    du_an: [
      'dự án đường cao tốc',
      'dự án khu dân cư mới',
      'dự án mở rộng Quốc lộ [14|26|27|29|1|25]',
      'dự án hồ chứa nước',
      'dự án cụm công nghiệp',
      'dự án đường vành đai phía [Tây|Đông]',
    ],
  },
  news: {
    title: {
      neg: [
        'Người dân {noi} bức xúc vì [chậm|chưa được] cấp sổ đỏ [sau nhiều năm|dù đã nộp đủ hồ sơ]',
        '[Tranh chấp|Mâu thuẫn] đất [rẫy|đai] kéo dài ở {noi}',
        '{noi}: đất công bị lấn chiếm[| để xây nhà trái phép], chính quyền [chậm xử lý|lúng túng]',
        '[Hàng chục|Nhiều] hộ dân {noi} [kêu cứu|gửi đơn] vì [giá đền bù thấp|bị thu hồi đất chưa thỏa đáng]',
        '[Phân lô bán nền|Tách thửa] [tràn lan|trái phép] ở {noi}',
      ],
      neu: [
        '{noi} [đẩy nhanh|rà soát] [tiến độ cấp giấy chứng nhận quyền sử dụng đất|công tác đo đạc địa chính]',
        '[Công khai|Niêm yết] phương án bồi thường {du_an} tại {noi}',
        '[Đối thoại|Tiếp xúc] với người dân về {van_de} ở {noi}',
        '{noi} [tổ chức|triển khai] [kiểm kê|đo đạc] đất đai phục vụ {du_an}',
      ],
      pos: [
        '[Hơn|Gần] {n:50-400} hộ dân {noi} được trao giấy chứng nhận quyền sử dụng đất',
        'Người dân {noi} đồng thuận [giao mặt bằng|bàn giao đất] cho {du_an}',
        '{noi}: [giải quyết dứt điểm|hòa giải thành công] [vụ tranh chấp đất kéo dài|nhiều vụ tranh chấp đất đai]',
      ],
    },
    lead: {
      neg: [
        '[Thời gian gần đây|Nhiều tháng nay], [nhiều|hàng chục] hộ dân ở {thon}, {noi} [liên tục|nhiều lần] [phản ánh|gửi đơn] về việc {van_de} [chưa được giải quyết|bị kéo dài|thiếu minh bạch].',
        'Theo [phản ánh|đơn] của [người dân|các hộ dân] {thon}, {noi}, [gần|hơn] {n:2-10} năm nay họ [vẫn chưa được|chưa được] [cấp giấy chứng nhận quyền sử dụng đất|giải quyết dứt điểm tranh chấp] dù [đã làm đủ thủ tục|đi lại nhiều lần].',
      ],
      neu: [
        '[Ngày|Sáng|Chiều] {ngay}, {chinh_quyen} [tổ chức|có buổi] [đối thoại|làm việc] với [các hộ dân|người dân] {thon} về {van_de}.',
        '{chinh_quyen} [vừa|đang] [triển khai|rà soát] {van_de} trên địa bàn, [dự kiến hoàn thành trong tháng {thang}|theo kế hoạch của tỉnh].',
      ],
      pos: [
        '[Ngày|Sáng] {ngay}, {chinh_quyen} [tổ chức trao|trao] {n:30-350} giấy chứng nhận quyền sử dụng đất cho [người dân|các hộ dân] [trên địa bàn|ở {thon}].',
        '[Nhờ|Với] [cách làm|sự vào cuộc] [bài bản|quyết liệt] của {chinh_quyen}, [nhiều vụ|các vụ] tranh chấp đất đai [kéo dài|phức tạp] ở {noi} đã được [hòa giải thành|giải quyết dứt điểm].',
      ],
    },
    detail: [
      'Theo {chinh_quyen}, [toàn {cap}|trên địa bàn] hiện còn khoảng {n:40-600} [hồ sơ|trường hợp] [chưa được cấp giấy chứng nhận|đang chờ xử lý] do [nguồn gốc đất phức tạp|chưa có bản đồ địa chính chính quy|vướng quy hoạch].',
      'Diện tích [bị ảnh hưởng|cần thu hồi] [khoảng|gần] {d:1.5-45} ha, liên quan đến {n:12-180} hộ dân.',
      'Từ sau khi sắp xếp đơn vị hành chính, hồ sơ đất đai được [chuyển về|tiếp nhận tại] Trung tâm Phục vụ hành chính công {cap}.',
      '[Phần lớn|Nhiều] diện tích này [trước đây|từ những năm 1990] do người dân [tự khai hoang|nhận chuyển nhượng bằng giấy tay].',
    ],
    voice: {
      neg: [
        '“Gia đình tôi [canh tác|sống] trên mảnh đất này [từ năm 199{n:0-9}|hơn 20 năm] nhưng đến nay vẫn chưa có sổ đỏ, [muốn vay vốn ngân hàng cũng không được|đi lại nhiều lần mà không ai trả lời rõ ràng]”, {nguoi_dan} [bức xúc|cho biết].',
        'Theo [người dân|nhiều hộ dân], [mức giá bồi thường|giá đền bù] [chỉ khoảng|chưa đến] {n:50-400} nghìn đồng/m² là [quá thấp|không sát giá thị trường], trong khi [đất cùng vị trí|giá chuyển nhượng thực tế] [cao gấp nhiều lần|lên đến vài triệu đồng/m²].',
        '{nguoi_dan} [cho biết|phản ánh] đã [gửi đơn|làm đơn] đến [nhiều cấp|xã, huyện cũ và tỉnh] nhưng [vẫn chưa nhận được|chưa có] [câu trả lời thỏa đáng|văn bản trả lời].',
      ],
      neu: [
        '{nguoi_dan} [cho biết|chia sẻ] [gia đình|bà con] [mong|hy vọng] [thủ tục sớm hoàn tất|sớm được cấp giấy] để [yên tâm sản xuất|ổn định cuộc sống].',
      ],
      pos: [
        '“[Cầm|Nhận] [cuốn sổ|giấy chứng nhận] trên tay, gia đình tôi [rất|vô cùng] phấn khởi, từ nay có thể [yên tâm đầu tư|vay vốn trồng cà phê]”, {nguoi_dan} [chia sẻ|nói].',
        'Nhiều hộ dân [đánh giá cao|ghi nhận] [sự công khai, minh bạch|tinh thần trách nhiệm] của [cán bộ|chính quyền] trong [quá trình đo đạc|việc kiểm kê, lập phương án].',
      ],
    },
    response: [
      '[Trao đổi|Làm việc] với phóng viên, {lanh_dao} cho biết địa phương [đã tiếp nhận|đang rà soát] [phản ánh|đơn] của người dân và sẽ [trả lời trong thời gian sớm nhất|phối hợp với {co_quan} giải quyết theo quy định].',
      '{lanh_dao} [khẳng định|cho biết] phương án bồi thường [được thực hiện|được lập] [đúng quy định|theo bảng giá đất của tỉnh], [những trường hợp|trường hợp] còn [vướng mắc|kiến nghị] sẽ được [xem xét|đối thoại] [cụ thể|từng hộ].',
      'Về nội dung này, {co_quan} [cho biết|thông tin] sẽ [cử cán bộ|phối hợp] [kiểm tra thực địa|hướng dẫn hồ sơ] [trong tuần tới|trong tháng {thang}].',
    ],
  },
  social: {
    neg: [
      '[Làm|Nộp] hồ sơ [cấp sổ đỏ|tách thửa] ở {noi_ngan} [từ đầu năm|mấy tháng rồi] mà đến giờ vẫn [không|chưa] [có kết quả|thấy hồi âm], hỏi thì [cứ hẹn|bảo chờ].',
      'Đất nhà [mình|tôi] ở {thon} bị [hàng xóm|người ta] lấn [mấy mét|cả rẫy] mà báo [{cap}|chính quyền] [mấy lần|mãi] không ai [xuống|giải quyết].',
      'Đền bù [có|chỉ] {n:60-300} nghìn/m² thì [ai mà chịu|sao dân sống nổi], [giá ngoài|mua chỗ khác] [gấp chục lần|cả triệu một mét].',
      'Có ai ở {noi_ngan} cũng bị [treo|vướng] quy hoạch như [nhà mình|mình] không, [cả chục năm|bao năm] không [xây được|làm sổ được].',
    ],
    neu: [
      '[Cho mình hỏi|Hỏi chút], [làm sổ đỏ|tách thửa] ở {noi_ngan} giờ [nộp hồ sơ ở đâu|làm ở xã hay lên tỉnh] ạ, lệ phí [khoảng bao nhiêu|hết bao nhiêu]?',
      '[Thông báo|Thông tin]: {chinh_quyen} [tổ chức đo đạc|niêm yết danh sách cấp giấy] tại {thon} từ ngày {ngay}, bà con [lưu ý|chú ý] [có mặt|mang theo giấy tờ].',
    ],
    pos: [
      'Cuối cùng [nhà mình|gia đình mình] cũng [nhận được|có] sổ đỏ sau [gần|hơn] {n:2-12} năm, cảm ơn cán bộ [{cap}|một cửa] đã [hỗ trợ nhiệt tình|làm nhanh gọn].',
      '[Ở|Tại] {noi_ngan} [vừa|mới] [trao|phát] sổ đỏ cho [bà con|cả trăm hộ], [mừng quá|bà con ai cũng vui].',
    ],
  },
  report: {
    neg: [
      'Một bộ phận nhân dân [bức xúc|chưa đồng tình] về [việc chậm cấp giấy chứng nhận quyền sử dụng đất|mức giá bồi thường khi thu hồi đất|tình trạng lấn chiếm đất công chưa được xử lý].',
    ],
    neu: [
      'Nhân dân quan tâm đến [tiến độ cấp giấy chứng nhận quyền sử dụng đất|phương án bồi thường, hỗ trợ tái định cư|việc chỉnh lý hồ sơ đất đai sau sắp xếp đơn vị hành chính].',
    ],
    pos: [
      'Nhân dân [đồng tình|phấn khởi] khi [nhiều hộ được cấp giấy chứng nhận quyền sử dụng đất|các vụ tranh chấp đất được hòa giải kịp thời].',
    ],
    proposal: [
      'Đề nghị [cơ quan chức năng|Sở Nông nghiệp và Môi trường] [đẩy nhanh tiến độ cấp giấy chứng nhận|công khai phương án bồi thường|đối thoại trực tiếp với người dân bị thu hồi đất].',
    ],
  },
};
