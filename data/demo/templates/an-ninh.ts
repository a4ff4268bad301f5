import type { TopicTemplates } from '../types.ts';

export const anNinh: TopicTemplates = {
  topic: 'an-ninh',
  words: {
    co_quan: ['Công an tỉnh', 'Công an xã', 'Phòng Cảnh sát hình sự Công an tỉnh'],
    vu_viec: [
      'trộm cắp tài sản',
      'trộm cà phê',
      'trộm bò',
      'đánh nhau',
      'cho vay nặng lãi',
      'lừa đảo qua mạng',
      'mua bán trái phép chất ma túy',
      'đua xe trái phép',
      'tổ chức đánh bạc',
    ],
  },
  news: {
    title: {
      neg: [
        '[Trộm|Kẻ gian] [hoành hành|lộng hành] ở {noi}, người dân [mất ăn mất ngủ|phải thay nhau canh rẫy]',
        '[Nhóm thanh niên|Băng nhóm] [hỗn chiến|đánh nhau] [trong đêm|bằng hung khí] ở {noi}',
        '[Người dân|Hàng chục người] {noi} [sập bẫy|bị lừa] [“việc nhẹ lương cao”|qua mạng], mất [hàng trăm triệu|{n:100-900} triệu đồng]',
        '[Tín dụng đen|Cho vay nặng lãi] [đeo bám|len lỏi] [người dân|vào các thôn, buôn] ở {noi}',
      ],
      neu: [
        '[Bắt|Khởi tố] [đối tượng|nhóm đối tượng] {vu_viec} ở {noi}',
        '{co_quan} [cảnh báo|khuyến cáo] [thủ đoạn|chiêu trò] lừa đảo [mới|giả danh công an] [nhắm vào|đối với] người dân',
        '{noi} [ra mắt|thành lập] [tổ bảo vệ an ninh, trật tự ở cơ sở|mô hình camera an ninh]',
      ],
      pos: [
        '[Công an|Lực lượng công an] {noi} [nhanh chóng|kịp thời] [phá án|bắt giữ] [vụ {vu_viec}|đối tượng gây án]',
        '[Mô hình|Camera an ninh] [giúp|góp phần] [giữ bình yên|giảm tội phạm] ở {noi}',
        '[Trả lại tài sản|Trao trả] cho [người dân|bị hại] [bị mất|trong vụ {vu_viec}] ở {noi}',
      ],
    },
    lead: {
      neg: [
        '[Thời gian gần đây|Từ đầu mùa thu hoạch], [tình trạng|nạn] {vu_viec} ở {thon}, {noi} [diễn biến phức tạp|gia tăng], khiến người dân [bất an|lo lắng].',
        '[Khoảng|Vào khoảng] {n:20-23} giờ [tối|đêm] {ngay}, [tại|ở] {thon}, {noi} [xảy ra|đã xảy ra] [vụ|một vụ] {vu_viec} [khiến|làm] {n:1-4} người bị thương.',
      ],
      neu: [
        '{co_quan} [vừa|đã] [bắt giữ|khởi tố vụ án, khởi tố bị can] [{n:1-6} đối tượng|đối tượng] [về hành vi|liên quan đến] {vu_viec} [xảy ra|] tại {noi}.',
        '[Ngày|Sáng] {ngay}, {chinh_quyen} [tổ chức|ra mắt] [mô hình|tổ] [tự quản về an ninh, trật tự|bảo vệ an ninh, trật tự ở cơ sở] [tại {thon}|với {n:10-40} thành viên].',
      ],
      pos: [
        '[Chỉ sau|Trong vòng] {n:6-48} giờ [kể từ khi|sau khi] [nhận được tin báo|vụ việc xảy ra], [công an|lực lượng công an] {noi} đã [bắt giữ|làm rõ] [đối tượng|nhóm đối tượng] {vu_viec}.',
        '[Nhờ|Từ khi có] [hệ thống camera an ninh|mô hình “Camera an ninh”], [tình hình an ninh, trật tự|tình trạng trộm cắp] ở {noi} [chuyển biến rõ rệt|giảm hẳn].',
      ],
    },
    detail: [
      '[Tang vật thu giữ|Công an thu giữ] [gồm|có] {n:1-5} xe máy, {n:2-9} điện thoại [và nhiều tang vật liên quan|cùng số tiền hơn {n:5-90} triệu đồng].',
      '[Từ đầu năm|Từ đầu mùa] [đến nay|], [trên địa bàn|{noi}] [xảy ra|ghi nhận] {n:5-40} vụ {vu_viec}, [tăng|giảm] {n:5-30}% so với cùng kỳ.',
      '[Các đối tượng|Đối tượng] [đều|] [có tiền án|nghiện ma túy|là người địa phương].',
    ],
    voice: {
      neg: [
        '“[Cà phê|Trái cây] [vừa chín|sắp thu] [là bị hái trộm|đã mất], [đêm nào cũng phải ra rẫy canh|cả nhà thay phiên ngủ lại rẫy]”, {nguoi_dan} [nói|than].',
        '{nguoi_dan} [cho biết|kể] [bị|đã bị] [đối tượng|kẻ lạ] [gọi điện|nhắn tin] [giả danh công an|tự xưng nhân viên ngân hàng] [yêu cầu chuyển tiền|đòi cài ứng dụng].',
      ],
      neu: [
        '{nguoi_dan} [mong|đề nghị] [lực lượng công an|chính quyền] [tăng cường tuần tra|xử lý nghiêm] [vào ban đêm|các đối tượng].',
      ],
      pos: [
        '“[Từ khi có camera|Có tổ tuần tra], [xóm yên ổn hẳn|không còn mất trộm nữa], [bà con yên tâm làm ăn|ai cũng mừng]”, {nguoi_dan} [chia sẻ|nói].',
      ],
    },
    response: [
      '[Đại diện|Lãnh đạo] {co_quan} cho biết [vụ việc đang được điều tra|đã triệu tập các đối tượng] và [đề nghị|khuyến cáo] người dân [cảnh giác|không tự ý xử lý].',
      '{lanh_dao} [cho biết|khẳng định] [{cap}|địa phương] [sẽ phối hợp|đã chỉ đạo] [công an|lực lượng chức năng] [tăng cường tuần tra|xử lý nghiêm] [vào mùa thu hoạch|theo quy định].',
    ],
  },
  social: {
    neg: [
      '[Tối qua|Đêm qua] [nhà mình|rẫy nhà mình] ở {thon} bị trộm [mất|hái] [gần|hơn] {n:2-9} [tạ cà phê|bao cà phê|con gà], [bực|tức] [thật sự|ghê].',
      '[Cảnh giác|Mọi người cảnh giác] nha, [có người|mẹ mình] [vừa bị|mới bị] [lừa|gọi điện lừa] [mất|chuyển] {n:10-200} triệu [vì tin|do nghe] [giả danh công an|cuộc gọi lạ].',
      '[Đêm nào|Tối nào] cũng [có nhóm|có mấy đứa] [đua xe|nẹt pô] [ầm ĩ|inh ỏi] [ở|qua] {noi_ngan}, [ai ngủ được|không ai dẹp].',
    ],
    neu: [
      '[Ai|Có ai] [thấy|nhặt được] [xe máy|chiếc ví] [mất|đánh rơi] [ở|gần] {thon} [liên hệ giúp|báo giúp] [em|mình] với.',
      '[Công an|Công an {cap}] {noi_ngan} [thông báo|cảnh báo] [thủ đoạn lừa đảo|chiêu lừa] [mới|cài ứng dụng giả], [mọi người|bà con] [đọc kỹ|lưu ý].',
    ],
    pos: [
      '[Cảm ơn|Khen] [các anh công an|công an {cap}] {noi_ngan} [đã|] [tìm lại|trả lại] [xe|tài sản] cho [nhà mình|bà con] [nhanh quá|trong một ngày].',
      '[Xóm|Thôn] mình [lắp camera|có tổ tuần tra] [rồi|xong], [giờ|bây giờ] [yên tâm|ngủ ngon] hẳn.',
    ],
  },
  report: {
    neg: [
      'Nhân dân [lo lắng|bất an] trước tình trạng [{vu_viec}|trộm cắp nông sản mùa thu hoạch|lừa đảo qua mạng].',
    ],
    neu: [
      'Nhân dân quan tâm đến [tình hình an ninh, trật tự ở cơ sở|hoạt động của tổ bảo vệ an ninh, trật tự].',
    ],
    pos: ['Tình hình an ninh, trật tự [ổn định|được giữ vững], nhân dân yên tâm sản xuất.'],
    proposal: [
      'Đề nghị [công an tăng cường tuần tra vào mùa thu hoạch|tuyên truyền thủ đoạn lừa đảo qua mạng|xử lý nghiêm tín dụng đen].',
    ],
  },
};
