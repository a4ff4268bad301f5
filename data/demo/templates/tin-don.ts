import type { TopicTemplates } from '../types.ts';

export const tinDon: TopicTemplates = {
  topic: 'tin-don',
  words: {
    co_quan: ['Công an tỉnh', 'Sở Văn hóa, Thể thao và Du lịch', 'Trung tâm Kiểm soát bệnh tật tỉnh'],
    noi_dung: [
      'bắt cóc trẻ em',
      'thu hồi đất để làm sân bay',
      'nước máy nhiễm độc',
      'nhà nước sắp thu hồi sổ đỏ cũ',
      'phải đổi căn cước sau sáp nhập, mất phí',
      'trường học cho nghỉ vì dịch',
      'ngân hàng sắp phá sản',
      'cà phê bị cấm xuất khẩu',
    ],
  },
  news: {
    title: {
      neg: [
        '[Tin đồn|Thông tin] “{noi_dung}” [lan truyền|gây hoang mang] ở {noi}',
        '[Hoang mang|Xôn xao] vì [tin đồn|thông tin thất thiệt] {noi_dung} [trên mạng xã hội|tại {noi}]',
      ],
      neu: [
        '[Xác minh|Làm rõ] [thông tin|tin đồn] {noi_dung} [tại|ở] {noi}',
        '[Xử phạt|Mời làm việc] [chủ tài khoản|người] [đăng tin sai sự thật|tung tin] về {noi_dung}',
      ],
      pos: [
        '[Bác bỏ|Chính quyền bác bỏ] [tin đồn|thông tin sai sự thật] {noi_dung} ở {noi}, người dân [yên tâm|ổn định]',
        '[Kịp thời|Nhanh chóng] [thông tin chính thức|cải chính], [dập tắt|chặn] tin đồn {noi_dung}',
      ],
    },
    lead: {
      neg: [
        '[Những ngày qua|Mấy ngày nay], [trên mạng xã hội|trong các nhóm Zalo, Facebook] [lan truyền|xuất hiện] [thông tin|bài viết] [cho rằng|về việc] {noi_dung} [ở|tại] {noi}, [khiến|làm] [nhiều người dân|bà con] [hoang mang|lo lắng].',
      ],
      neu: [
        '[Liên quan đến|Về] [thông tin|tin đồn] {noi_dung} [lan truyền trên mạng xã hội|đang được chia sẻ], {co_quan} [đã vào cuộc|đang xác minh] [và|để] [làm rõ|xử lý theo quy định].',
      ],
      pos: [
        '[Ngay sau khi|Sau khi] [tin đồn|thông tin] {noi_dung} [xuất hiện|lan truyền], {chinh_quyen} [đã|] [kịp thời|nhanh chóng] [thông tin chính thức|thông báo rộng rãi] [trên loa truyền thanh|tại các thôn], [giúp|để] người dân [yên tâm|không hoang mang].',
      ],
    },
    detail: [
      '[Bài viết|Thông tin] [được chia sẻ|thu hút] [hàng nghìn|hơn {n:1-9}.000] lượt [chia sẻ|bình luận] [chỉ sau|trong] {n:1-3} ngày.',
      '[Qua xác minh|Kết quả xác minh] [cho thấy|khẳng định] [thông tin trên|đây] [là|hoàn toàn] [sai sự thật|không có cơ sở].',
    ],
    voice: {
      neg: [
        '“[Nghe trên mạng nói vậy|Thấy trong nhóm Zalo ai cũng chia sẻ] [nên|thì] [lo lắm|cả xóm hoang mang], [không biết tin ai|chẳng biết thật giả thế nào]”, {nguoi_dan} [nói|chia sẻ].',
      ],
      neu: [
        '{nguoi_dan} [cho biết|chia sẻ] [đã hỏi lại|phải lên hỏi] [cán bộ xã|trưởng thôn] [mới biết|để kiểm tra] [thông tin|tin đó] [là sai|có đúng không].',
      ],
      pos: [
        '{nguoi_dan} [cho biết|nói] [nhờ|sau khi nghe] [loa xã thông báo|cán bộ giải thích] [nên|thì] [bà con|mọi người] [đã yên tâm|không còn lo].',
      ],
    },
    response: [
      '{lanh_dao} [khẳng định|cho biết] [thông tin trên|tin đồn] [là|hoàn toàn] [sai sự thật|không có cơ sở], [đề nghị|khuyến cáo] người dân [không chia sẻ|chỉ tin vào thông tin chính thống].',
      '{co_quan} [cho biết|đã] [xác định được|mời làm việc] [chủ tài khoản|người] [đăng tải thông tin sai sự thật|tung tin] và [sẽ xử lý|xử phạt] theo [quy định|Nghị định 15].',
    ],
  },
  social: {
    neg: [
      '[Nghe nói|Nghe đồn] {noi_dung} [ở|tại] {noi_ngan} [phải không|có thật không] [mọi người|ae], [lo quá|hoang mang quá].',
      '[Ai|Có ai] [biết|nghe] [vụ|tin] {noi_dung} [chưa|không], [cả xóm|trong nhóm Zalo] [đang|ai cũng] [bàn tán|chia sẻ] [ầm ầm|rần rần].',
    ],
    neu: [
      '[Tin|Thông tin] {noi_dung} [là|có phải] [fake|tin giả] [không|đúng không] [mọi người|ạ], [đừng share|đừng chia sẻ] [lung tung|khi chưa rõ].',
    ],
    pos: [
      '[Chính quyền|UBND {cap}] [đã|vừa] [thông báo|nói rõ] [tin|vụ] {noi_dung} [là tin giả|là sai], [mọi người|bà con] [yên tâm|đừng hoang mang] nha.',
    ],
  },
  report: {
    neg: [
      'Xuất hiện [tin đồn|thông tin sai sự thật] về [{noi_dung}|các chính sách mới] gây hoang mang trong một bộ phận nhân dân.',
    ],
    neu: [
      'Nhân dân quan tâm đến việc [xác minh thông tin trên mạng xã hội|xử lý người tung tin sai sự thật].',
    ],
    pos: [
      'Chính quyền kịp thời [thông tin chính thức|cải chính tin đồn], nhân dân [yên tâm|ổn định tư tưởng].',
    ],
    proposal: [
      'Đề nghị [kịp thời cung cấp thông tin chính thống|xử lý nghiêm người tung tin sai sự thật|tăng cường tuyên truyền trên loa truyền thanh cơ sở].',
    ],
  },
};
