import type { TopicTemplates } from '../types.ts';

export const danTocTonGiao: TopicTemplates = {
  topic: 'dan-toc-ton-giao',
  words: {
    co_quan: ['Sở Dân tộc và Tôn giáo', 'Ban Dân vận Tỉnh ủy', 'Ủy ban MTTQ Việt Nam tỉnh'],
    le_hoi: ['lễ cúng bến nước', 'lễ mừng lúa mới', 'lễ cúng sức khỏe', 'lễ hội cồng chiêng', 'lễ bỏ mả'],
    chinh_sach: [
      'Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số',
      'chính sách hỗ trợ nhà ở cho hộ nghèo',
      'chính sách hỗ trợ đất sản xuất',
      'chính sách cho người có uy tín',
      'hỗ trợ nước sinh hoạt phân tán',
    ],
    ton_giao: ['Phật giáo', 'Công giáo', 'Tin Lành', 'Cao Đài'],
  },
  news: {
    title: {
      neg: [
        '[Chậm giải ngân|Giải ngân chậm] {chinh_sach} ở {noi}, [đồng bào|hộ nghèo] [chờ mỏi mòn|còn thiệt thòi]',
        '[Cảnh giác|Cảnh báo] [hoạt động|đối tượng] [truyền đạo trái phép|lôi kéo theo “tà đạo”] ở {noi}',
        '[Nhà ở hỗ trợ|Công trình nước sinh hoạt] cho đồng bào ở {noi} [xuống cấp|bỏ hoang] [sau vài năm|chỉ sau thời gian ngắn]',
      ],
      neu: [
        '{noi} [tổ chức|phục dựng] {le_hoi} [của đồng bào Êđê|của đồng bào M’nông|của đồng bào Gia Rai]',
        '[Gặp mặt|Tập huấn] người có uy tín trong đồng bào dân tộc thiểu số [ở|tại] {noi}',
        '[Các tổ chức|Đồng bào] {ton_giao} ở {noi} [sinh hoạt|tổ chức lễ] [đúng quy định|theo đăng ký]',
      ],
      pos: [
        '[Đồng bào|Buôn làng] {noi} [thoát nghèo|đổi đời] nhờ {chinh_sach}',
        '[Già làng|Người có uy tín] [ở|tại] {noi} [gương mẫu|đi đầu] [hiến đất làm đường|vận động con cháu giữ gìn an ninh]',
        '[Cồng chiêng|Văn hóa truyền thống] [được gìn giữ|vang mãi] ở {noi}',
      ],
    },
    lead: {
      neg: [
        '[Dù|Mặc dù] [nguồn vốn|kinh phí] {chinh_sach} [đã được phân bổ|đã về] [từ đầu năm|nhiều tháng], [nhưng|song] [tỷ lệ giải ngân|tiến độ] ở {noi} [mới đạt|chỉ khoảng] {n:15-45}%, [nhiều hộ|đồng bào] [vẫn chờ|chưa được thụ hưởng].',
        '[Thời gian gần đây|Gần đây], [một số đối tượng|vài người lạ] [đến|xâm nhập] {thon}, {noi} [lôi kéo|vận động] [người dân|đồng bào] [theo đạo trái phép|tham gia “tà đạo”], [gây|làm] [mất đoàn kết|xáo trộn] trong [buôn làng|cộng đồng].',
      ],
      neu: [
        '[Ngày|Sáng] {ngay}, [tại|ở] {thon}, {noi}, [đồng bào|bà con] [tổ chức|cùng nhau tổ chức] {le_hoi} [theo nghi thức truyền thống|trong không khí vui tươi].',
        '{co_quan} [phối hợp|cùng] {chinh_quyen} [tổ chức|có buổi] [gặp mặt|đối thoại với] {n:20-120} người có uy tín, già làng, trưởng buôn [trên địa bàn|ở {noi}].',
      ],
      pos: [
        '[Từ|Nhờ] {chinh_sach}, [hàng trăm|{n:40-300}] hộ đồng bào dân tộc thiểu số ở {noi} [đã có|được hỗ trợ] [nhà ở kiên cố|đất sản xuất, bò giống], [tỷ lệ hộ nghèo|hộ nghèo] [giảm|còn] {d:2-12}%.',
        '[Một già làng|Người có uy tín] [ở|tại] {thon}, {noi} [đã vận động|là người đi đầu vận động] [bà con|con cháu] [hiến|góp] [hơn|gần] {n:500-5000} m² đất để [làm đường|xây nhà văn hóa].',
      ],
    },
    detail: [
      '[Toàn {cap}|{noi}] có [hơn|khoảng] {n:40-85}% dân số là đồng bào dân tộc thiểu số, [chủ yếu là|gồm] [Êđê, M’nông, Gia Rai|Êđê, Chăm, Ba Na] [và đồng bào các dân tộc phía Bắc di cư vào|].',
      '[Trên địa bàn|Địa phương] có {n:2-9} [điểm nhóm|cơ sở] tôn giáo [được công nhận|đã đăng ký sinh hoạt] với [khoảng|hơn] {n:300-4000} tín đồ.',
      '[Năm {nam}|Trong năm], [tỉnh|địa phương] [bố trí|phân bổ] [hơn|khoảng] {n:10-300} tỷ đồng [thực hiện|cho] {chinh_sach}.',
    ],
    voice: {
      neg: [
        '“[Nghe nói có tiền hỗ trợ làm nhà|Đăng ký từ năm ngoái] [mà chờ hoài chưa thấy|nhưng chưa được gì], [nhà dột hết rồi|mưa xuống là ướt hết]”, {nguoi_dan} [nói|chia sẻ].',
      ],
      neu: [
        '{nguoi_dan} [cho biết|chia sẻ] [bà con|đồng bào] [mong|muốn] [được hướng dẫn làm ăn|giữ gìn văn hóa của buôn] [để con cháu không quên|cho thế hệ sau].',
      ],
      pos: [
        '“[Được hỗ trợ bò giống|Có nhà mới], [gia đình tôi|vợ chồng tôi] [yên tâm làm ăn|có thêm động lực thoát nghèo]”, {nguoi_dan} [phấn khởi|cười] nói.',
      ],
    },
    response: [
      '{lanh_dao} [cho biết|thừa nhận] [việc giải ngân chậm|tiến độ chậm] [do|vì] [vướng hướng dẫn|thay đổi bộ máy sau sắp xếp], [{cap}|địa phương] [sẽ đẩy nhanh|cam kết hoàn thành] trong [tháng {thang}|quý IV].',
      '[Đại diện|Lãnh đạo] {co_quan} [đề nghị|khuyến cáo] [người dân|bà con] [cảnh giác|không nghe theo] [các đối tượng xấu|lời dụ dỗ], [kịp thời báo|báo ngay] [cho chính quyền|với công an] khi [phát hiện|có] [hoạt động trái phép|dấu hiệu bất thường].',
    ],
  },
  social: {
    neg: [
      '[Buôn|Thôn] mình ở {noi_ngan} [đăng ký nhà|xin hỗ trợ] [từ năm ngoái|lâu rồi] mà [chưa thấy gì|vẫn chưa có], [hỏi thì|cán bộ] bảo [chờ vốn|đang làm hồ sơ].',
      '[Có người lạ|Mấy người lạ] [vào|đến] [buôn|thôn] [rủ|vận động] [bà con|người già] [theo đạo lạ|bỏ bàn thờ], [ai biết báo|nên báo] [công an|{cap}] [nha|đi].',
    ],
    neu: [
      '[Lễ|Tối nay] {le_hoi} ở {thon} [sẽ tổ chức|diễn ra] [vào ngày|ngày] {ngay}, [mời|ai rảnh] [mọi người|bà con] [đến chung vui|tới xem].',
      '[Cho hỏi|Hỏi] [hồ sơ|thủ tục] [xin|đăng ký] [hỗ trợ nhà ở|hỗ trợ đất sản xuất] [cho hộ đồng bào|] ở {noi_ngan} [làm sao|cần giấy tờ gì] ạ?',
    ],
    pos: [
      '[Tiếng cồng chiêng|Lễ hội] ở {thon} [vui|hay] [lắm|quá], [tự hào|thương] văn hóa [buôn làng|Tây Nguyên] 🥰',
      '[Buôn|Thôn] mình [giờ|năm nay] [có đường bê tông|nhiều nhà mới] rồi, [cảm ơn|nhờ] [chính sách|nhà nước] [hỗ trợ|quan tâm].',
    ],
  },
  report: {
    neg: [
      'Đồng bào [băn khoăn|chưa hài lòng] về [tiến độ thực hiện {chinh_sach}|việc một số đối tượng lôi kéo theo đạo trái phép].',
    ],
    neu: [
      'Tình hình [tôn giáo|các điểm nhóm tôn giáo] trên địa bàn [ổn định|sinh hoạt đúng quy định]; đồng bào quan tâm đến {chinh_sach}.',
    ],
    pos: [
      'Đồng bào dân tộc thiểu số [phấn khởi|tin tưởng] vì [được hỗ trợ nhà ở, đất sản xuất|các lễ hội truyền thống được phục dựng].',
    ],
    proposal: [
      'Đề nghị [đẩy nhanh giải ngân {chinh_sach}|tăng cường tuyên truyền, vận động đồng bào|quan tâm chế độ cho người có uy tín].',
    ],
  },
};
