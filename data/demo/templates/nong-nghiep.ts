import type { TopicTemplates } from '../types.ts';

export const nongNghiep: TopicTemplates = {
  topic: 'nong-nghiep',
  words: {
    co_quan: [
      'Sở Nông nghiệp và Môi trường',
      'Chi cục Trồng trọt và Bảo vệ thực vật',
      'Trung tâm Khuyến nông tỉnh',
    ],
    cay: ['cà phê', 'hồ tiêu', 'sầu riêng', 'lúa', 'sắn', 'mía', 'bơ', 'mắc ca', 'bắp', 'chuối'],
    van_de: [
      'sâu bệnh',
      'thiếu nước tưới',
      'giá phân bón tăng',
      'thương lái ép giá',
      'mất mùa',
      'rệp sáp hại rễ',
      'bệnh vàng lá, thối rễ',
      'cháy lá do nắng hạn',
    ],
    vat_nuoi: ['heo', 'bò', 'gà', 'tôm hùm', 'cá lồng', 'dê'],
  },
  news: {
    title: {
      neg: [
        'Nông dân {noi} [điêu đứng|lao đao] vì {cay} [bị|dính] {van_de}',
        '[Giá {cay} giảm sâu|Thương lái ép giá {cay}], nông dân {noi} [thua lỗ|lo mất Tết]',
        '[Hàng trăm|Hàng chục] ha {cay} ở {noi} [bị|có nguy cơ] [chết khô|mất trắng]',
        '[Dịch tả heo châu Phi|Bệnh viêm da nổi cục] [xuất hiện|tái phát] ở {noi}, người chăn nuôi [lo lắng|thấp thỏm]',
      ],
      neu: [
        '{noi} [triển khai|hướng dẫn] [tái canh|chuyển đổi] {cay} [niên vụ {nam}|theo hướng bền vững]',
        '[Tập huấn|Hội thảo] [kỹ thuật canh tác|phòng trừ sâu bệnh trên] {cay} cho nông dân {noi}',
        'Giá {cay} [hôm nay|ngày {ngay}] tại [{noi}|Đắk Lắk] [dao động|ở mức] {n:40-140}.000 đồng/kg',
      ],
      pos: [
        '{cay} [được mùa, được giá|trúng mùa], nông dân {noi} [phấn khởi|thu lãi cao]',
        '[Hợp tác xã|Mô hình] {cay} [hữu cơ|liên kết] ở {noi} [cho thu nhập|mang lại lợi nhuận] [hàng trăm triệu đồng/ha|cao]',
        '{cay} {noi} [được cấp mã số vùng trồng|xuất khẩu chính ngạch], [mở hướng|tăng giá trị] cho nông dân',
      ],
    },
    lead: {
      neg: [
        '[Những ngày này|Thời gian qua], [nhiều|hàng chục] hộ trồng {cay} ở {thon}, {noi} [đứng ngồi không yên|lo lắng] khi [vườn cây|diện tích] [bị|xuất hiện] {van_de} [lan rộng|trên diện rộng].',
        '[Giá {cay}|Giá bán {cay}] [giảm|chỉ còn] {n:20-60}.000 đồng/kg, [trong khi|thấp hơn nhiều so với] chi phí [phân bón, nhân công|đầu tư] [tăng cao|tăng gần {n:20-40}%], khiến nông dân {noi} [thua lỗ nặng|không có lãi].',
      ],
      neu: [
        '[Ngày|Sáng] {ngay}, {co_quan} [phối hợp|cùng] {chinh_quyen} [tổ chức|mở lớp] [tập huấn|hướng dẫn] [kỹ thuật|quy trình] [canh tác|chăm sóc] {cay} cho {n:40-200} nông dân.',
        'Theo {co_quan}, [niên vụ {nam}|vụ này] [toàn tỉnh|{noi}] có khoảng {n:1-250}.000 ha {cay}, [sản lượng dự kiến|năng suất bình quân] [đạt|khoảng] {d:1.5-4.5} tấn/ha.',
      ],
      pos: [
        '[Năm nay|Vụ này], {cay} [được mùa lại được giá|cho năng suất cao], [nhiều|các] hộ dân {noi} [thu về|lãi] [hàng trăm triệu đồng|từ {n:150-900} triệu đồng].',
        '[Từ|Nhờ] [mô hình|việc] [liên kết sản xuất|canh tác theo hướng hữu cơ], [nhiều|các] hộ trồng {cay} ở {noi} [đã có thu nhập ổn định|nâng cao giá trị sản phẩm].',
      ],
    },
    detail: [
      '[Theo thống kê|Thống kê] của {chinh_quyen}, [diện tích|khoảng] {n:20-900} ha {cay} [bị ảnh hưởng|nhiễm bệnh], [trong đó|riêng] {n:5-120} ha [bị hại nặng|có nguy cơ mất trắng].',
      'Giá {cay} [tại vườn|thương lái thu mua] [hiện ở mức|dao động] {n:25-140}.000 đồng/kg, [giảm|tăng] {n:5-30}% so với [cùng kỳ|đầu vụ].',
      'Chi phí đầu tư [cho 1 ha|mỗi ha] {cay} [khoảng|lên đến] {n:60-250} triệu đồng [mỗi năm|một vụ].',
    ],
    voice: {
      neg: [
        '“[Cả nhà trông vào|Gia đình tôi trông cả vào] [vườn {cay}|{n:1-5} ha {cay}] [mà giờ|vậy mà] [cây chết dần|mất trắng], [nợ ngân hàng chưa biết lấy gì trả|không biết xoay xở sao]”, {nguoi_dan} [buồn bã|rầu rĩ] nói.',
        '{nguoi_dan} cho biết [thương lái|đại lý] [hạ giá|ép giá] [liên tục|mỗi ngày] [vì biết|do] nông dân [cần tiền|không có kho bảo quản].',
      ],
      neu: [
        '{nguoi_dan} [mong|đề nghị] [ngành nông nghiệp|cán bộ khuyến nông] [hướng dẫn|hỗ trợ] [kỹ thuật|giống] để [bà con|nông dân] [yên tâm sản xuất|giảm chi phí].',
      ],
      pos: [
        '“[Năm nay trúng mùa|Vụ này được giá], [trừ chi phí|sau khi trừ hết chi phí] gia đình tôi [còn lãi|lãi] [hơn|gần] {n:100-800} triệu đồng”, {nguoi_dan} [phấn khởi|cười] cho biết.',
      ],
    },
    response: [
      '{co_quan} [khuyến cáo|đề nghị] [nông dân|bà con] [không hoảng loạn bán tháo|theo dõi sát vườn cây], [sử dụng thuốc bảo vệ thực vật đúng cách|áp dụng biện pháp phòng trừ tổng hợp].',
      '{lanh_dao} cho biết [địa phương|{cap}] [đã thống kê thiệt hại|đang rà soát] để [đề xuất hỗ trợ|hướng dẫn bà con] [theo quy định|khôi phục sản xuất].',
    ],
  },
  social: {
    neg: [
      '{cay} nhà mình [bị|dính] {van_de} [hết|gần hết] rồi, [phun thuốc|xịt] [mấy lần|đủ kiểu] [vẫn không đỡ|mà không ăn thua].',
      'Giá {cay} [xuống|tụt] [còn|có] {n:20-60} nghìn, [bán thì lỗ|lỗ sặc máu], [phân bón|công thuê] thì [cứ tăng|lên vùn vụt].',
      'Thương lái [ép giá|trả] {cay} [quá|rẻ như cho], [làm cả năm|vất vả cả năm] [coi như công cốc|không đủ trả nợ].',
    ],
    neu: [
      '[Cho hỏi|Hỏi] {cay} bị {van_de} thì [xịt thuốc gì|xử lý sao] [vậy mọi người|ạ]?',
      'Giá {cay} [hôm nay|sáng {ngay}] [ở|tại] {noi_ngan}: {n:25-140}.000 đ/kg, [mọi người|bà con] [tham khảo|cân nhắc].',
    ],
    pos: [
      '[Năm nay|Vụ này] {cay} [được giá|trúng mùa] [quá|rồi], [bà con|nông dân] {noi_ngan} [ai cũng vui|phấn khởi].',
      '[Vườn|Rẫy] {cay} [nhà mình|của ba mẹ] [năm nay|vụ này] [sai trái|đẹp] [lắm|quá], [cảm ơn|nhờ] [cán bộ khuyến nông|hợp tác xã] [hướng dẫn|hỗ trợ].',
    ],
  },
  report: {
    neg: [
      'Nông dân [lo lắng|bức xúc] vì [giá {cay} giảm|{cay} bị {van_de}|thương lái ép giá] trong khi chi phí đầu tư tăng.',
    ],
    neu: ['Nhân dân quan tâm đến [giá nông sản|tiêu thụ {cay}|việc cấp mã số vùng trồng].'],
    pos: ['{cay} được mùa, được giá; đời sống nông dân [cải thiện|ổn định].'],
    proposal: [
      'Đề nghị [ngành nông nghiệp hướng dẫn phòng trừ {van_de}|hỗ trợ nông dân tiêu thụ {cay}|kiểm soát chất lượng phân bón, thuốc bảo vệ thực vật].',
    ],
  },
};
