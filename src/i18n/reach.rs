//! The reach view's strings.

use super::table;

table! {
    ReachStrings {
        title = "Hiệu quả của tiện ích", "Widget reach";
        intro = "Chỉ là số đếm theo ngày và theo tỉnh: không lưu danh tính, cookie, địa chỉ IP hay giờ giấc của ai. Số liệu là gần đúng: trình duyệt bật “Global Privacy Control” không được đếm, và lượt dùng khi mất mạng bị bỏ qua.", "Counts per day and province only: no identity, cookie, IP address or time of anyone is kept. Figures are approximate: browsers with Global Privacy Control are not counted, and use while offline is dropped.";
        period = "Kỳ", "Period";
        totals = "Tổng cộng", "Totals";
        searches = "Lượt tìm kiếm", "Searches";
        opened = "Lượt xem chi tiết thủ tục", "Procedure details opened";
        filing = "Lượt bấm “Nộp hồ sơ trực tuyến”", "Clicks on “File online”";
        no_result = "Lượt tìm không có kết quả", "Searches without results";
        by_level = "Lượt bấm nộp trực tuyến theo mức độ hiển thị", "Online filing clicks by the level shown";
        toan_trinh = "Toàn trình", "Fully online";
        mot_phan = "Một phần", "Partly online";
        other_level = "Khác nhau theo nơi", "Varies by place";
        by_period = "Lượt bấm nộp trực tuyến theo kỳ", "Online filing clicks by period";
        per_period_caption = "Số liệu theo kỳ", "Figures by period";
        period_col = "Kỳ", "Period";
        top = "Thủ tục được xem nhiều nhất", "Most opened procedures";
        procedure = "Thủ tục", "Procedure";
        click_through = "Tỷ lệ bấm nộp", "Click-through";
        col_opened = "Lượt xem", "Opened";
        col_filing = "Lượt bấm nộp", "Filing clicks";
        events = "Sự kiện cuộc sống đã tra cứu xong", "Life-event checks finished";
        event = "Sự kiện", "Life event";
        finished_checks = "Lượt tra cứu", "Checks";
        dropoff = "Khảo sát và đánh giá: bắt đầu và gửi xong", "Surveys and ratings: started and sent";
        kind = "Loại", "Kind";
        started = "Bắt đầu", "Started";
        finished = "Gửi xong", "Sent";
        dropoff_col = "Bỏ dở", "Dropped";
        kinds: [(&'static str, &'static str); 3] = [("sipas", "Khảo sát mức độ hài lòng"), ("dossier", "Đánh giá hồ sơ"), ("helpful", "“Thông tin có giúp ích?”")], [("sipas", "Satisfaction survey"), ("dossier", "Dossier rating"), ("helpful", "“Was this helpful?”")];
        queries = "Người dân tìm mà không thấy", "What citizens looked for and did not find";
        queries_intro = "Những cụm từ được tìm ít nhất {n} lần mà không có kết quả (đã bỏ dấu, che số và email). Tỉnh có thể thêm tên gọi khác (alias) cho thủ tục tương ứng, hoặc bổ sung thủ tục còn thiếu.", "Searches made at least {n} times without a result (folded, numbers and e-mail addresses masked). The province can add an alias to the matching procedure, or add the missing procedure.";
        query = "Cụm từ tìm kiếm", "Search";
        times = "Số lần", "Times";
        unlisted = "lượt tìm khác dưới ngưỡng công bố, không liệt kê.", "other searches under the publication threshold, not listed.";
        none = "Chưa có số liệu cho kỳ này.", "No figures for this period yet.";
        to_results = "← Kết quả khảo sát", "← Survey results";
    }
}
