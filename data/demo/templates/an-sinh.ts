import type { TopicTemplates } from '../types.ts';

export const anSinh: TopicTemplates = {
  topic: 'an-sinh',
  words: {
    co_quan: ['Sở Y tế', 'Bảo hiểm xã hội tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh'],
    che_do: [
      'trợ cấp xã hội hằng tháng',
      'lương hưu',
      'trợ cấp thất nghiệp',
      'hỗ trợ xóa nhà tạm, nhà dột nát',
      'trợ cấp cho người khuyết tật',
      'bảo hiểm xã hội tự nguyện',
      'hỗ trợ người có công',
    ],
  },
  news: {
    title: {
      neg: [
        '[Người cao tuổi|Người khuyết tật] {noi} [chưa nhận được|chờ mãi] {che_do}',
        '[Hộ nghèo|Gia đình nghèo] {noi} [sống trong|vẫn ở] [căn nhà dột nát|nhà tạm] [chờ hỗ trợ|giữa mùa mưa]',
        '[Công nhân|Người lao động] {noi} [mất việc|bị nợ lương], [cuộc sống|đời sống] [khó khăn|bấp bênh]',
      ],
      neu: [
        '{noi} [chi trả|rà soát] {che_do} [tháng {thang}|qua tài khoản]',
        '[Rà soát|Điều tra] hộ nghèo, hộ cận nghèo [năm {nam}|cuối năm] [tại|ở] {noi}',
        '[Chuyển|Chi trả] {che_do} [qua tài khoản ngân hàng|không dùng tiền mặt] ở {noi}',
      ],
      pos: [
        '[Bàn giao|Khánh thành] {n:5-60} căn nhà [Đại đoàn kết|tình nghĩa] cho hộ nghèo {noi}',
        '[Trao|Tặng] [quà|học bổng] cho [học sinh nghèo|hộ khó khăn] ở {noi}',
        '{noi} [hoàn thành|về đích sớm] [xóa nhà tạm, nhà dột nát|chương trình giảm nghèo]',
      ],
    },
    lead: {
      neg: [
        '[Dù|Mặc dù] đã [làm hồ sơ|đủ điều kiện] [từ nhiều tháng trước|từ đầu năm], [nhiều|một số] [người cao tuổi|người khuyết tật] ở {thon}, {noi} [vẫn chưa được|chưa nhận] {che_do}.',
        '[Mùa mưa đến|Những ngày mưa lớn], [gia đình|bà] [một|] [hộ nghèo|người neo đơn] ở {thon}, {noi} [phải|lại phải] [che bạt|lấy xô hứng] [vì mái nhà dột|trong căn nhà tạm] [đã xuống cấp|hơn 20 năm].',
      ],
      neu: [
        '[Từ ngày|Ngày] {ngay}, {chinh_quyen} [bắt đầu|tổ chức] chi trả {che_do} [tháng {thang}|quý IV] cho [hơn|gần] {n:200-2000} [đối tượng|người] [trên địa bàn|].',
        '{chinh_quyen} [đang|vừa] [triển khai|hoàn thành] [rà soát|điều tra] hộ nghèo, hộ cận nghèo; [hiện|theo số liệu sơ bộ] [địa phương|{cap}] còn {n:40-600} hộ nghèo, chiếm {d:1-15}%.',
      ],
      pos: [
        '[Ngày|Sáng] {ngay}, [Ủy ban MTTQ|{chinh_quyen}] [phối hợp với|cùng] [các nhà hảo tâm|doanh nghiệp] [bàn giao|trao] {n:5-60} căn nhà [Đại đoàn kết|tình nghĩa] cho [hộ nghèo|gia đình chính sách] [trên địa bàn|ở {noi}].',
        '[Với|Nhờ] [sự chung tay|sự hỗ trợ] của [cộng đồng|các cấp, các ngành], [hàng chục|{n:20-90}] hộ nghèo ở {noi} [đã có|được ở] [nhà mới kiên cố|căn nhà vững chãi] [trước mùa mưa bão|trong năm {nam}].',
      ],
    },
    detail: [
      '[Mỗi căn nhà|Mỗi căn] [được hỗ trợ|trị giá] [khoảng|từ] {n:40-80} triệu đồng, [từ nguồn|trích từ] [Quỹ Vì người nghèo|chương trình xóa nhà tạm].',
      '[Toàn tỉnh|Trên địa bàn tỉnh] [hiện có|đang chi trả cho] [hơn|khoảng] {n:50-120}.000 người hưởng {che_do}.',
      '[Mức|Mức hỗ trợ] [trợ cấp|chuẩn trợ giúp xã hội] [hiện là|được nâng lên] {n:500-750}.000 đồng/tháng.',
    ],
    voice: {
      neg: [
        '“[Tôi già rồi|Con cái đi làm xa], [không có thu nhập gì|sống nhờ hàng xóm], [mong|chỉ mong] [sớm được nhận tiền trợ cấp|nhà nước sớm giúp sửa nhà]”, {nguoi_dan} [nghẹn ngào|nói].',
      ],
      neu: [
        '{nguoi_dan} [cho biết|chia sẻ] [nhận tiền qua tài khoản|chi trả qua ngân hàng] [lúc đầu còn lạ|ban đầu chưa quen] nhưng [có cán bộ hướng dẫn|con cháu giúp] nên [cũng thuận tiện|cũng ổn].',
      ],
      pos: [
        '“[Cả đời|Mấy chục năm] [chưa dám mơ|không nghĩ] [có căn nhà|ở nhà] [khang trang như vậy|vững chãi thế này], [cảm ơn|biết ơn] [Đảng, Nhà nước|mọi người] [lắm|nhiều lắm]”, {nguoi_dan} [xúc động|rưng rưng] nói.',
      ],
    },
    response: [
      '{lanh_dao} cho biết [việc chậm chi trả|chậm trễ] [do|là vì] [hồ sơ phải chuyển giao sau sắp xếp|đang chờ cấp kinh phí], [{cap}|địa phương] [sẽ chi trả|cam kết chi trả] [đầy đủ|kể cả truy lĩnh] trong [tháng {thang}|thời gian sớm nhất].',
      '[Đại diện|Lãnh đạo] {co_quan} [cho biết|khẳng định] [các đối tượng|người hưởng] [đủ điều kiện|] [sẽ được|đều được] [hưởng đầy đủ|truy lĩnh] [chế độ|các khoản chưa nhận].',
    ],
  },
  social: {
    neg: [
      '[Bà ngoại|Mẹ] mình [làm hồ sơ|đăng ký] {che_do} [từ đầu năm|mấy tháng] mà [chưa nhận được đồng nào|giờ vẫn chưa có], [hỏi {cap}|lên hỏi] thì [bảo chờ|đẩy qua đẩy lại].',
      '[Nhà|Căn nhà] [bà cụ|ông cụ] [neo đơn|sống một mình] ở {thon} [dột nát|sắp sập] [lắm rồi|cả năm nay], [ai|mạnh thường quân nào] [giúp được|xem giúp] [không|với].',
    ],
    neu: [
      '[Cho hỏi|Hỏi] [làm hồ sơ|thủ tục] {che_do} ở {noi_ngan} [cần giấy tờ gì|nộp ở đâu] [vậy|ạ]?',
      '[Lịch|Thông báo] chi trả {che_do} [tháng {thang}|kỳ này] ở {noi_ngan}: [từ|bắt đầu] {ngay}, [bà con|mọi người] [nhớ|mang theo căn cước].',
    ],
    pos: [
      '[Chúc mừng|Mừng cho] [gia đình|bà con] [ở|tại] {thon} [có|vừa nhận] nhà [mới|Đại đoàn kết] ❤️ [cảm ơn|cảm ơn các nhà hảo tâm và] [chính quyền|Mặt trận].',
      '[Nhóm|Hội] [thiện nguyện|từ thiện] [vừa trao|mới trao] {n:20-200} phần quà cho [bà con nghèo|học sinh khó khăn] ở {noi_ngan}, [cảm ơn|cảm ơn tất cả] [mọi người|các mạnh thường quân] đã chung tay.',
    ],
  },
  report: {
    neg: [
      '[Một số|Nhiều] [người cao tuổi|đối tượng bảo trợ xã hội] [phản ánh|lo lắng] về việc [chậm nhận {che_do}|chưa được hỗ trợ sửa nhà].',
    ],
    neu: ['Nhân dân quan tâm đến [việc rà soát hộ nghèo|việc chi trả {che_do} qua tài khoản].'],
    pos: [
      'Nhân dân [phấn khởi|đồng tình] với [chương trình xóa nhà tạm, nhà dột nát|các hoạt động chăm lo cho hộ nghèo].',
    ],
    proposal: [
      'Đề nghị [chi trả kịp thời {che_do}|tiếp tục hỗ trợ xóa nhà tạm|quan tâm người cao tuổi neo đơn].',
    ],
  },
};
