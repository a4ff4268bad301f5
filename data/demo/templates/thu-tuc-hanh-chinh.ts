import type { TopicTemplates } from '../types.ts';

export const thuTucHanhChinh: TopicTemplates = {
  topic: 'thu-tuc-hanh-chinh',
  words: {
    co_quan: ['Sở Nội vụ', 'Trung tâm Phục vụ hành chính công tỉnh', 'Văn phòng UBND tỉnh'],
    thu_tuc: [
      'đăng ký khai sinh',
      'chứng thực giấy tờ',
      'cấp lại căn cước',
      'đăng ký hộ kinh doanh',
      'cấp phép xây dựng',
      'đăng ký kết hôn',
      'xác nhận tình trạng hôn nhân',
      'đổi giấy tờ theo địa danh mới',
    ],
  },
  news: {
    title: {
      neg: [
        '[Người dân|Bà con] {noi} [vất vả|mệt mỏi] vì [làm thủ tục|chờ] {thu_tuc} [sau sáp nhập|kéo dài]',
        '[Hồ sơ|Thủ tục] {thu_tuc} [trễ hẹn|bị trả đi trả lại] [nhiều lần|hàng tháng] ở {noi}',
        '[Trung tâm Phục vụ hành chính công|Bộ phận một cửa] {noi} [quá tải|thiếu người], dân [xếp hàng từ sáng sớm|chờ cả buổi]',
      ],
      neu: [
        '{noi} [hướng dẫn|hỗ trợ] người dân [làm thủ tục|thực hiện] {thu_tuc} [trực tuyến|sau khi sắp xếp đơn vị hành chính]',
        '[Chính quyền địa phương hai cấp|Mô hình chính quyền hai cấp] [ở|tại] {noi} [sau {n:2-5} tháng vận hành|đi vào nền nếp]',
        '[Không bắt buộc|Không yêu cầu] người dân đổi giấy tờ [khi thay đổi địa giới|theo địa danh mới]',
      ],
      pos: [
        '[Giải quyết|Trả kết quả] {thu_tuc} [trong ngày|sớm hẹn] ở {noi}, người dân [hài lòng|phấn khởi]',
        '[Đoàn viên thanh niên|Tổ công nghệ số cộng đồng] [hướng dẫn|giúp] người dân {noi} [nộp hồ sơ trực tuyến|dùng dịch vụ công]',
      ],
    },
    lead: {
      neg: [
        '[Từ khi|Sau khi] [sắp xếp đơn vị hành chính|vận hành chính quyền hai cấp], [nhiều|không ít] người dân {thon}, {noi} [phải đi xa|phải đi lại nhiều lần] để [làm|hoàn tất] {thu_tuc}, [có người|nhiều người] [đi {n:2-5} lần vẫn chưa xong|chờ cả tuần].',
        '[Sáng|Ngày] {ngay}, [tại|ở] [Trung tâm Phục vụ hành chính công|bộ phận một cửa] {noi}, [hàng chục|rất đông] người dân [xếp hàng|chờ đợi] [từ sớm|từ 6 giờ sáng] để [làm|nộp hồ sơ] {thu_tuc}.',
      ],
      neu: [
        '{chinh_quyen} [cho biết|thông tin] [trong tháng {thang}|từ đầu quý], [đã tiếp nhận|đã giải quyết] {n:300-3000} hồ sơ, [trong đó|] {n:55-96}% [nộp trực tuyến|đúng hạn].',
        '[Theo|Cũng theo] {co_quan}, người dân [không phải|không bắt buộc] [đổi|làm lại] [căn cước, sổ đỏ, giấy khai sinh|các giấy tờ đã cấp] [chỉ vì|do] [thay đổi địa danh|sắp xếp đơn vị hành chính].',
      ],
      pos: [
        '[Chỉ mất|Chưa đến] {n:15-60} phút, [một người dân|một cụ bà|một thanh niên] [ở|tại] {thon}, {noi} đã [nhận kết quả|hoàn tất] {thu_tuc} [ngay tại|ở] [Trung tâm Phục vụ hành chính công|bộ phận một cửa] {cap}.',
        '[Nhờ|Với] [tổ công nghệ số cộng đồng|đoàn viên thanh niên hỗ trợ], [tỷ lệ hồ sơ trực tuyến|số hồ sơ nộp qua mạng] ở {noi} [tăng|đã đạt] {n:40-90}%.',
      ],
    },
    detail: [
      '[Sau sắp xếp|Hiện nay], {noi} [có|rộng] [hơn|khoảng] {n:80-450} km², [dân số|với] [hơn|khoảng] {n:20-90}.000 người, [trụ sở|trung tâm hành chính] [cách một số thôn|xa nhất] {n:10-45} km.',
      'Bộ phận một cửa [hiện có|bố trí] {n:4-12} [cán bộ|công chức] [tiếp nhận|xử lý] [hồ sơ|] [của|thuộc] {n:20-60} lĩnh vực.',
    ],
    voice: {
      neg: [
        '“[Đi lên {cap}|Từ nhà lên trung tâm {cap}] [hơn {n:15-40} cây số|mất cả buổi], [đến nơi thì thiếu giấy này giấy kia|vào thì bảo hệ thống lỗi], [phải về rồi đi lại|mất mấy ngày công]”, {nguoi_dan} [than|bức xúc].',
      ],
      neu: [
        '{nguoi_dan} [cho biết|chia sẻ] [lúc đầu còn lạ|ban đầu chưa quen] nhưng [được cán bộ hướng dẫn|có người chỉ] [nên|thì] [cũng làm được|cũng ổn].',
      ],
      pos: [
        '“[Cán bộ nhiệt tình|Làm nhanh lắm], [hướng dẫn từng bước|không phải chờ đợi], [tôi rất hài lòng|ai cũng khen]”, {nguoi_dan} [chia sẻ|nói].',
      ],
    },
    response: [
      '{lanh_dao} [thừa nhận|cho biết] [thời gian đầu|những ngày đầu] [còn lúng túng|hệ thống phần mềm chưa ổn định] và [đã bố trí thêm|sẽ tăng cường] [cán bộ|điểm tiếp nhận lưu động] [tại các thôn xa|vào cuối tuần].',
      '{co_quan} [đề nghị|yêu cầu] [các xã, phường|địa phương] [không được|không] [yêu cầu người dân|bắt dân] [nộp thêm giấy tờ ngoài quy định|đổi giấy tờ không cần thiết].',
    ],
  },
  social: {
    neg: [
      '[Lên|Ra] {cap} [làm|để làm] {thu_tuc} mà [chờ|ngồi] [cả buổi|từ sáng tới trưa], [hệ thống|mạng] [lỗi|treo] [hoài|liên tục], [mệt|nản] [thật|quá].',
      '[Giờ|Từ khi sáp nhập] [làm giấy tờ|đi làm thủ tục] [phải|phải đi] [xa|hơn {n:15-40} cây số], [người già|ông bà] [sao đi nổi|khổ].',
    ],
    neu: [
      '[Cho hỏi|Hỏi] [giờ|sau sáp nhập] [làm|đăng ký] {thu_tuc} ở {noi_ngan} [thì ra đâu|nộp ở đâu] [vậy|ạ], [cần|mang] [giấy tờ gì|những gì]?',
      '[Có phải|Phải] [đổi|làm lại] [căn cước|sổ đỏ] [theo|vì] [tên xã mới|địa danh mới] [không|ko] [mọi người|ạ]?',
    ],
    pos: [
      '[Làm|Đi làm] {thu_tuc} ở {cap} {noi_ngan} [có|mất] {n:15-40} phút [là xong|đã có kết quả], [cán bộ|các bạn trẻ] [dễ thương|nhiệt tình] [lắm|ghê].',
    ],
  },
  report: {
    neg: [
      'Một bộ phận nhân dân [chưa hài lòng|phàn nàn] về [việc đi lại xa khi làm thủ tục sau sắp xếp|thời gian giải quyết {thu_tuc}|hệ thống dịch vụ công trực tuyến hay lỗi].',
    ],
    neu: [
      'Nhân dân quan tâm đến [việc đổi giấy tờ theo địa danh mới|hoạt động của chính quyền địa phương hai cấp].',
    ],
    pos: [
      'Nhân dân đánh giá [cao|tốt] [tinh thần phục vụ của bộ phận một cửa|việc giải quyết thủ tục nhanh gọn].',
    ],
    proposal: [
      'Đề nghị [bố trí điểm tiếp nhận hồ sơ lưu động|nâng cấp hệ thống dịch vụ công|tăng cường hướng dẫn người cao tuổi làm thủ tục trực tuyến].',
    ],
  },
};
