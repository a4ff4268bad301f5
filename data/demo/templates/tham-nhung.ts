import type { TopicTemplates } from '../types.ts';

export const thamNhung: TopicTemplates = {
  topic: 'tham-nhung',
  words: {
    co_quan: ['Thanh tra tỉnh', 'Ủy ban Kiểm tra Tỉnh ủy', 'Cơ quan Cảnh sát điều tra Công an tỉnh'],
    sai_pham: [
      'nhận tiền để làm hồ sơ',
      'chiếm đoạt tiền hỗ trợ',
      'lập khống danh sách',
      'nâng khống giá trị công trình',
      'sai phạm trong đấu thầu',
      'bớt xén tiền bồi thường',
      'thu tiền trái quy định',
    ],
    can_bo: ['cán bộ địa chính', 'kế toán', 'trưởng thôn', 'cán bộ chính sách', 'cán bộ xây dựng'],
  },
  news: {
    title: {
      neg: [
        '[Tố|Tố cáo] {can_bo} ở {noi} {sai_pham}',
        '[Dấu hiệu|Nghi vấn] [sai phạm|tiêu cực] [trong|tại] [công trình|dự án] [đường giao thông|nhà văn hóa] ở {noi}',
        '[Người dân|Hàng chục hộ] {noi} [tố|tố cáo] [bị|] [ăn chặn|bớt xén] tiền hỗ trợ',
      ],
      neu: [
        '[Khởi tố|Bắt tạm giam] [nguyên|] {can_bo} ở {noi} [về tội|vì] [tham ô tài sản|lợi dụng chức vụ, quyền hạn]',
        '{co_quan} [kết luận|công bố kết luận] thanh tra [tại|về] {noi}',
        '[Kỷ luật|Cảnh cáo] [nhiều|{n:2-6}] cán bộ {noi} [vì|do] [sai phạm|vi phạm] trong [quản lý đất đai|thực hiện chính sách]',
      ],
      pos: [
        '{noi} [thu hồi|trả lại] [hơn|gần] {n:100-900} triệu đồng [sai phạm|chi sai] cho [ngân sách|người dân]',
        '[Công khai|Minh bạch] [ngân sách|các khoản thu chi], {noi} [được người dân tin tưởng|tạo đồng thuận]',
      ],
    },
    lead: {
      neg: [
        '[Nhiều|Một số] người dân {thon}, {noi} [gửi đơn|làm đơn] [tố cáo|phản ánh] [một|] {can_bo} [có dấu hiệu|nghi] {sai_pham} [trong thời gian dài|từ năm 20{n:18-24}].',
        '[Theo đơn phản ánh|Theo phản ánh] của [người dân|các hộ dân], [công trình|tuyến đường] [hoàn thành chưa đầy|mới đưa vào sử dụng khoảng] {n:3-18} tháng ở {noi} đã [xuống cấp|nứt, bong tróc], [có dấu hiệu|nghi] {sai_pham}.',
      ],
      neu: [
        '{co_quan} [vừa|đã] [khởi tố vụ án|ra quyết định khởi tố bị can] đối với [nguyên|] {can_bo} [ở|của] {noi} [về hành vi|liên quan đến] {sai_pham}.',
        '[Ngày|Sáng] {ngay}, {co_quan} [công bố|đã công bố] kết luận thanh tra [việc quản lý, sử dụng ngân sách|về các nội dung công dân tố cáo] tại {noi}.',
      ],
      pos: [
        '[Sau|Sau khi có] kết luận thanh tra, {chinh_quyen} [đã thu hồi|hoàn trả] [đủ|] {n:100-900} triệu đồng [chi sai|sai phạm] và [kiểm điểm|xử lý] [các cá nhân liên quan|trách nhiệm người đứng đầu].',
      ],
    },
    detail: [
      '[Số tiền|Tổng số tiền] [bị chiếm đoạt|sai phạm] [ước tính|được xác định] [hơn|khoảng] {n:100-900} triệu đồng, [liên quan đến|ảnh hưởng quyền lợi của] {n:10-120} hộ dân.',
      '[Đơn tố cáo|Vụ việc] [đã được gửi|được chuyển] đến [nhiều cơ quan|Thanh tra tỉnh] [từ tháng|vào tháng] {thang}.',
    ],
    voice: {
      neg: [
        '“[Muốn làm sổ|Muốn được giải quyết hồ sơ] thì phải [chung|bồi dưỡng] [vài triệu|{n:2-20} triệu], không [đưa|có tiền] thì [hồ sơ nằm đó|cứ bị hẹn]”, {nguoi_dan} [cho biết|tố].',
        '{nguoi_dan} cho biết [tên mình có trong danh sách nhận hỗ trợ|gia đình được xét hỗ trợ] nhưng [chưa từng nhận được đồng nào|chỉ nhận được một nửa].',
      ],
      neu: [
        '{nguoi_dan} [mong|đề nghị] [cơ quan chức năng|cấp trên] [làm rõ|xác minh] [vụ việc|đơn tố cáo] [khách quan|công khai].',
      ],
      pos: [
        'Người dân [đồng tình|hoan nghênh] [việc xử lý nghiêm|kết quả thanh tra], [cho rằng|tin rằng] [điều này|việc công khai] [giúp lấy lại niềm tin|là cần thiết].',
      ],
    },
    response: [
      '{lanh_dao} [cho biết|xác nhận] [đã nhận được đơn|đã biết thông tin] và [đã thành lập tổ xác minh|đang chờ kết luận của cơ quan chức năng].',
      '{co_quan} cho biết [đang xác minh|đã thụ lý] [đơn tố cáo|vụ việc], [nếu có sai phạm|sai đến đâu] sẽ [xử lý nghiêm|xử lý đến đó] theo quy định.',
    ],
  },
  social: {
    neg: [
      '[Làm|Xin] [cái giấy|hồ sơ] ở {noi_ngan} mà [phải|bị đòi] [bồi dưỡng|chung chi] [mới làm|mới xong], [vậy mà|thế mà] bảo [cải cách|phục vụ dân].',
      '[Tiền hỗ trợ|Tiền đền bù] của dân mà [bị|cũng bị] [ăn chặn|cắt xén], [ai|cán bộ nào] [làm|ký] thì [phải xử|phải làm rõ].',
      'Đường [mới làm|làm chưa được năm] ở {thon} [đã nứt|bong tróc hết], [tiền|vốn] [đi đâu|chui vào túi ai] [hết rồi|vậy].',
    ],
    neu: [
      '[Có ai|Ai] [biết|nắm] [vụ|thông tin] [thanh tra|kiểm tra] [ở {cap}|ở] {noi_ngan} [tới đâu rồi|kết luận chưa] không?',
    ],
    pos: [
      '[Xử|Kỷ luật] [đúng người đúng tội|nghiêm] [vậy|như vậy] [mới được|là đúng], [dân|bà con] [tin tưởng|mừng].',
    ],
  },
  report: {
    neg: [
      'Nhân dân [bức xúc|phản ánh] về [dấu hiệu tiêu cực trong giải quyết hồ sơ|việc chi trả tiền hỗ trợ chưa minh bạch|chất lượng công trình xuống cấp nhanh].',
    ],
    neu: [
      'Nhân dân quan tâm theo dõi [kết quả xử lý các vụ việc tiêu cực|công tác phòng, chống tham nhũng ở cơ sở].',
    ],
    pos: ['Nhân dân đồng tình với [việc xử lý nghiêm cán bộ sai phạm|việc công khai, minh bạch ngân sách].'],
    proposal: [
      'Đề nghị [cơ quan chức năng làm rõ, xử lý nghiêm sai phạm|công khai kết quả thanh tra|bảo vệ người tố cáo].',
    ],
  },
};
