import type { TopicTemplates } from '../types.ts';

export const giaoDuc: TopicTemplates = {
  topic: 'giao-duc',
  words: {
    co_quan: ['Sở Giáo dục và Đào tạo', 'Phòng Văn hóa - Xã hội {cap}'],
    truong: [
      'Trường Tiểu học {noi_ngan}',
      'Trường THCS {noi_ngan}',
      'Trường THPT {noi_ngan}',
      'Trường Mầm non Hoa Sen',
      'Trường Tiểu học Lê Lợi',
      'Trường THCS Nguyễn Du',
      'Trường Phổ thông Dân tộc nội trú',
    ],
    khoan_thu: [
      'tiền quỹ phụ huynh',
      'tiền học thêm',
      'tiền sách giáo khoa',
      'tiền đồng phục',
      'tiền bán trú',
      'tiền xây dựng trường',
    ],
  },
  news: {
    title: {
      neg: [
        'Phụ huynh {truong} [bức xúc|phản ánh] vì [lạm thu|các khoản thu] đầu năm học',
        '[Thiếu giáo viên|Thiếu phòng học] [trầm trọng|kéo dài] ở {noi}',
        '[Học sinh|Trẻ em] {noi} [phải|vẫn] [học trong phòng học tạm|lội suối đến trường]',
        '[Dạy thêm, học thêm|Ép học thêm] [tràn lan|biến tướng] ở {truong}',
      ],
      neu: [
        '{noi} [khai giảng năm học mới|tổ chức lễ khai giảng] {nam_hoc}',
        '{co_quan} [kiểm tra|rà soát] [việc thu, chi đầu năm học|công tác chuẩn bị năm học mới] tại {noi}',
        '[Tuyển dụng|Hợp đồng] {n:20-300} giáo viên [cho các trường|để khắc phục tình trạng thiếu] trên địa bàn [tỉnh|{noi}]',
      ],
      pos: [
        '[Ngôi trường mới|Trường học khang trang] [cho học sinh|được khánh thành ở] {noi}',
        '[Học sinh|Em học sinh] {noi} [đoạt giải|giành huy chương] [cấp quốc gia|học sinh giỏi]',
        '[Thầy cô|Giáo viên] {noi} [vận động|đưa] học sinh [trở lại lớp|đến trường] [sau kỳ nghỉ|bỏ học]',
      ],
    },
    lead: {
      neg: [
        '[Đầu năm học|Mới khai giảng được {n:1-4} tuần], [nhiều|hàng chục] phụ huynh {truong} [ở|thuộc] {noi} [phản ánh|bức xúc] vì [phải đóng|bị yêu cầu nộp] [nhiều khoản|{n:8-15} khoản] [thu|tiền], [trong đó có|gồm cả] {khoan_thu}.',
        '[Năm học này|Bước vào năm học mới], [các trường|nhiều trường] ở {noi} [thiếu|còn thiếu] {n:10-80} giáo viên, [nhiều lớp phải ghép|giáo viên phải dạy tăng tiết].',
      ],
      neu: [
        '[Sáng|Ngày] {ngay}, [các trường học|hơn {n:10-40} trường] trên địa bàn {noi} [tổ chức lễ khai giảng|đón học sinh] năm học {nam_hoc}.',
        '{co_quan} [vừa có văn bản|đã ban hành hướng dẫn] về [các khoản thu|việc thu, chi] [đầu năm học|trong nhà trường], [nghiêm cấm|yêu cầu không] [lạm thu|thu các khoản ngoài quy định].',
      ],
      pos: [
        '[Sau|Với tổng vốn] [hơn|gần] {n:3-40} tỷ đồng, [ngôi trường mới|dãy phòng học mới] của {truong} ở {noi} [đã được đưa vào sử dụng|chính thức khánh thành], [đáp ứng nhu cầu học tập của|phục vụ] {n:200-1200} học sinh.',
        '[Em|Nữ sinh] [lớp {n:9-12}|người dân tộc thiểu số] của {truong} [vừa|đã] [giành|đạt] [giải Nhì|giải Ba|huy chương Bạc] [kỳ thi học sinh giỏi quốc gia|cuộc thi khoa học kỹ thuật].',
      ],
    },
    detail: [
      '[Theo danh sách|Danh sách] [các khoản thu|thu] [gửi phụ huynh|nhà trường đưa ra], mỗi học sinh [phải nộp|đóng] [khoảng|gần] {n:1-4}.{n:100-900}.000 đồng [đầu năm|trong học kỳ I].',
      '[Toàn {cap}|Trên địa bàn] có {n:3-12} trường [học|] với [hơn|khoảng] {n:1-6}.{n:100-900} học sinh, [trong đó|có] {n:20-70}% là học sinh dân tộc thiểu số.',
      '[Theo quy định|Quy định hiện hành], [học sinh|các em] [được miễn học phí|được hỗ trợ tiền ăn trưa] [từ năm học {nam_hoc}|theo chính sách của tỉnh].',
    ],
    voice: {
      neg: [
        '“[Nhà có hai đứa đi học|Đầu năm] mà [đóng hết|tốn] [mấy triệu|gần {n:3-8} triệu], [toàn những khoản không rõ ràng|hỏi thì bảo là tự nguyện]”, {nguoi_dan} [bức xúc|cho biết].',
        '{nguoi_dan} [cho biết|phản ánh] [con|cháu] [phải đi học thêm|bị giáo viên gợi ý học thêm] [nếu không|vì sợ] [bị điểm kém|cô không quan tâm].',
      ],
      neu: [
        '{nguoi_dan} [mong|hy vọng] nhà trường [công khai|thông báo rõ] [các khoản thu|kế hoạch] để phụ huynh [nắm được|chủ động].',
      ],
      pos: [
        '“[Trường mới|Lớp học mới] [rộng rãi, thoáng mát|đẹp quá], [các cháu|con tôi] [thích đi học lắm|đi học vui hơn]”, {nguoi_dan} [chia sẻ|phấn khởi nói].',
      ],
    },
    response: [
      '[Hiệu trưởng|Lãnh đạo] {truong} cho biết [các khoản thu|việc thu] [đều được thông qua họp phụ huynh|là tự nguyện] và [sẽ rà soát|sẽ trả lại] [những khoản chưa đúng|nếu sai quy định].',
      '{lanh_dao} [cho biết|khẳng định] [đã yêu cầu|sẽ chỉ đạo] [nhà trường|các trường] [giải trình|kiểm điểm] và [xử lý nghiêm|chấn chỉnh ngay] [nếu có sai phạm|việc lạm thu].',
      '{co_quan} [cho biết|thông tin] [sẽ|đang] [ưu tiên biên chế|điều động giáo viên] [cho các xã vùng khó khăn|về các trường thiếu] [trong học kỳ I|ngay trong tháng {thang}].',
    ],
  },
  social: {
    neg: [
      '[Mới đầu năm học|Khai giảng xong] mà [đóng|nộp] [đủ thứ tiền|cả chục khoản], [quỹ lớp|quỹ phụ huynh] [gì mà|sao] [cao vậy|nhiều vậy] trời.',
      '[Trường|Lớp] con mình ở {noi_ngan} [thiếu cô giáo|chưa có giáo viên tiếng Anh] [cả tháng nay|từ đầu năm], [học hành gì|lo quá].',
      '[Cô|Giáo viên] [ép|gợi ý] [học thêm|đi học thêm] [ở nhà cô|mỗi tháng {n:400-900} nghìn], không đi thì [bị soi|bị điểm thấp], phụ huynh [biết làm sao|khổ].',
    ],
    neu: [
      '[Cho hỏi|Hỏi chút] [đăng ký|nộp hồ sơ] [vào lớp 1|tuyển sinh lớp 6] ở {noi_ngan} [hạn chót|đến ngày nào] [vậy ạ|ạ]?',
      '{truong} [thông báo|thông tin] lịch [họp phụ huynh|tựu trường] [ngày|vào sáng] {ngay}, [phụ huynh|mọi người] [lưu ý|sắp xếp] nhé.',
    ],
    pos: [
      '[Tự hào|Chúc mừng] [em|bé] [học sinh|] {truong} [đoạt giải|đạt giải] [học sinh giỏi|cuộc thi] [năm nay|cấp tỉnh] 👏',
      'Trường [mới|vừa xây] ở {noi_ngan} [đẹp|khang trang] [lắm|quá], [các con|bọn nhỏ] [có chỗ học tốt rồi|được học trong phòng mới].',
    ],
  },
  report: {
    neg: [
      'Phụ huynh [bức xúc|chưa đồng tình] về [các khoản thu đầu năm học|tình trạng dạy thêm, học thêm|việc thiếu giáo viên].',
    ],
    neu: [
      'Nhân dân quan tâm đến [công tác chuẩn bị năm học mới|chính sách miễn học phí|việc sắp xếp trường lớp sau sáp nhập].',
    ],
    pos: ['Nhân dân phấn khởi [khi trường học được đầu tư xây mới|với chính sách miễn học phí].'],
    proposal: [
      'Đề nghị [ngành giáo dục kiểm tra việc lạm thu|bổ sung giáo viên cho vùng khó khăn|đầu tư phòng học kiên cố].',
    ],
  },
};
