import type { TopicTemplates } from '../types.ts';

export const moiTruong: TopicTemplates = {
  topic: 'moi-truong',
  words: {
    co_quan: [
      'Sở Nông nghiệp và Môi trường',
      'Phòng Cảnh sát môi trường Công an tỉnh',
      'Chi cục Bảo vệ môi trường',
    ],
    nguon: [
      'trang trại chăn nuôi heo',
      'bãi rác [tạm|tự phát]',
      'cơ sở sơ chế cà phê',
      'lò đốt than',
      'nhà máy chế biến mủ cao su',
      'xưởng chế biến hải sản',
      'cơ sở giết mổ gia súc',
      'điểm tập kết rác',
    ],
    tac_dong: [
      'mùi hôi thối nồng nặc',
      'nước thải chảy ra suối',
      'khói bụi mù mịt',
      'ruồi nhặng bu kín',
      'rác thải ùn ứ',
      'nước giếng đổi màu',
    ],
  },
  news: {
    title: {
      neg: [
        '[Dân|Người dân] {noi} [khổ sở|sống chung] với {tac_dong} từ {nguon}',
        '{noi}: {nguon} [gây ô nhiễm|bị tố xả thải], dân [bức xúc|kêu cứu]',
        'Rác thải [ùn ứ|tràn ra đường] ở {noi}, [người dân bịt mũi đi qua|chính quyền chưa có giải pháp]',
        'Khai thác cát [trái phép|tận diệt] trên sông [Krông Ana|Ba|Kỳ Lộ|Sêrêpốk|Krông Nô] đoạn qua {noi}',
      ],
      neu: [
        '[Kiểm tra|Xử lý] {nguon} [gây ô nhiễm|bị phản ánh] tại {noi}',
        '{noi} ra quân [thu gom rác thải|làm sạch môi trường] [hưởng ứng Ngày Chủ nhật xanh|dọc các tuyến đường]',
        '[Xử phạt|Phạt] {n:30-450} triệu đồng [một|] {nguon} ở {noi} [vì xả thải|do vi phạm môi trường]',
      ],
      pos: [
        '{noi}: [con đường|tuyến đường] hoa [do người dân tự làm|khoe sắc] [góp phần làm đẹp cảnh quan|thay cho bãi rác cũ]',
        '[Mô hình|Cách làm] phân loại rác tại nguồn [hiệu quả|được nhân rộng] ở {noi}',
        '{noi} [trồng mới|phủ xanh] {n:5-80} ha rừng [trong năm|từ đầu mùa mưa]',
      ],
    },
    lead: {
      neg: [
        '[Nhiều tháng nay|Thời gian qua], [hàng trăm|nhiều] hộ dân {thon}, {noi} phải [chịu đựng|sống chung với] {tac_dong} [phát ra từ|do] {nguon} [gần khu dân cư|nằm sát nhà dân].',
        '[Người dân|Bà con] {noi} [phản ánh|bức xúc] vì {nguon} [xả thải trực tiếp|thải nước chưa qua xử lý] ra [môi trường|suối|ruộng], [đặc biệt vào ban đêm|nhất là những ngày mưa].',
      ],
      neu: [
        '[Ngày|Sáng] {ngay}, đoàn kiểm tra [liên ngành|của {co_quan}] đã [kiểm tra|làm việc] tại {nguon} ở {noi} sau [phản ánh|đơn thư] của người dân.',
        '{chinh_quyen} [vừa|đã] [ban hành kế hoạch|triển khai] [thu gom, xử lý rác thải sinh hoạt|cải thiện môi trường] trên địa bàn [năm {nam}|trong quý cuối năm].',
      ],
      pos: [
        '[Từ|Sau] [một khu đất trống đầy rác|bãi rác tự phát], [người dân|đoàn viên thanh niên] {thon}, {noi} đã [biến thành|cải tạo thành] [vườn hoa|sân chơi] [xanh, sạch, đẹp|cho trẻ em].',
        '[Mô hình|Phong trào] [phân loại rác tại nguồn|“Ngày Chủ nhật xanh”] ở {noi} [thu hút|nhận được] [sự hưởng ứng của|hàng trăm] người dân.',
      ],
    },
    detail: [
      '[Theo ghi nhận|Ghi nhận] của phóng viên, [khu vực|đoạn suối] [gần|cách khu dân cư khoảng] {n:50-500} m [có|xuất hiện] [nhiều|] [vũng nước đen|rác thải sinh hoạt], [bốc mùi khó chịu|ruồi nhặng bu kín].',
      'Mỗi ngày địa phương phát sinh khoảng {n:3-40} tấn rác thải sinh hoạt, [trong khi|nhưng] [chỉ thu gom được|tỷ lệ thu gom mới đạt] {n:45-85}%.',
      'Cơ sở này [có quy mô|nuôi khoảng] {n:500-6000} [con heo|con], [hoạt động từ năm|được cấp phép năm] 20{n:12-23}.',
    ],
    voice: {
      neg: [
        '“[Mùi hôi nồng nặc|Cứ chiều tối là mùi hôi bốc lên], cả nhà [không ăn cơm được|phải đóng kín cửa], [trẻ nhỏ bị ho|con tôi bị viêm họng] [suốt|liên tục]”, {nguoi_dan} [bức xúc|nói].',
        '{nguoi_dan} cho biết [đã nhiều lần|nhiều lần] [phản ánh|kiến nghị] [lên {cap}|tại các buổi tiếp xúc cử tri] nhưng [tình trạng vẫn không cải thiện|chỉ được hứa sẽ xử lý].',
      ],
      neu: [
        '{nguoi_dan} mong cơ quan chức năng [sớm có kết luận|kiểm tra định kỳ] để [người dân yên tâm|bảo đảm sức khỏe cho bà con].',
      ],
      pos: [
        '“[Trước đây|Ngày trước] chỗ này [toàn rác|là bãi rác], giờ [sạch đẹp|thoáng mát], [trẻ con có chỗ chơi|ai đi qua cũng khen]”, {nguoi_dan} [vui vẻ nói|chia sẻ].',
      ],
    },
    response: [
      '{lanh_dao} cho biết [đã yêu cầu|đã đề nghị] {nguon} [tạm dừng hoạt động|khắc phục ngay] và [báo cáo|đề nghị] {co_quan} [kiểm tra, xử lý|lấy mẫu quan trắc].',
      'Theo {co_quan}, [kết quả phân tích mẫu nước thải|kết quả quan trắc] [cho thấy|có] [một số chỉ tiêu vượt quy chuẩn|chỉ tiêu COD, BOD vượt] từ {d:1.2-5.8} lần.',
      '{lanh_dao} [thừa nhận|cho biết] [việc thu gom rác|hạ tầng xử lý] [còn bất cập|chưa theo kịp] và [đang|sẽ] [bố trí thêm điểm tập kết|ký hợp đồng với đơn vị thu gom mới].',
    ],
  },
  social: {
    neg: [
      '[Tối nào|Ngày nào] cũng [ngửi|hít] mùi hôi từ {nguon} ở {thon}, [không chịu nổi|ngột thở] luôn.',
      'Rác [đổ|vứt] đầy [ven đường|bờ suối] ở {noi_ngan} [cả tuần|mấy ngày] không ai [dọn|thu gom], [ruồi bu kín|bốc mùi kinh khủng].',
      'Nước suối [gần nhà|chỗ {thon}] [đen ngòm|đổi màu] [mấy hôm nay|từ tuần trước], nghi {nguon} xả thải ban đêm.',
      'Xe [cát|chở cát] chạy [rầm rập|suốt đêm] [ở|qua] {noi_ngan}, [bờ sông sạt lở hết|đường nát hết] mà không thấy ai xử lý.',
    ],
    neu: [
      '[Cho hỏi|Hỏi] ở {noi_ngan} [xe rác|thu gom rác] [chạy ngày nào|mấy giờ] vậy [mọi người|cả nhà]?',
      '[Chủ nhật này|Sáng {ngay}] {thon} [tổ chức|ra quân] [dọn vệ sinh|làm sạch] [đường làng|khu phố], mời bà con tham gia.',
    ],
    pos: [
      '[Con đường|Đường] hoa ở {thon} [đẹp quá|nở rộ rồi], [cảm ơn|khen] bà con [chung tay làm|góp công].',
      '[Khu phố|Xóm] mình [giờ|bây giờ] [phân loại rác|sạch sẽ hẳn], [ai cũng|mọi người đều] [có ý thức|hưởng ứng].',
    ],
  },
  report: {
    neg: [
      'Nhân dân [bức xúc|phản ánh] về tình trạng [ô nhiễm từ {nguon}|rác thải chưa được thu gom kịp thời|khai thác cát trái phép] ảnh hưởng đến [sức khỏe|sinh hoạt].',
    ],
    neu: [
      'Nhân dân quan tâm đến [công tác thu gom, xử lý rác thải|việc kiểm tra các cơ sở chăn nuôi gần khu dân cư].',
    ],
    pos: ['Nhân dân đồng tình, hưởng ứng [phong trào “Ngày Chủ nhật xanh”|mô hình phân loại rác tại nguồn].'],
    proposal: [
      'Đề nghị [cơ quan chức năng|Sở Nông nghiệp và Môi trường] [kiểm tra, xử lý dứt điểm các cơ sở gây ô nhiễm|bố trí kinh phí thu gom rác thải ở vùng nông thôn].',
    ],
  },
};
