//! The survey's interface strings (the questions themselves are data in seeds/surveys).

use super::table;

table! {
    SurveyStrings {
        kind_sipas = "Mức độ hài lòng", "Satisfaction";
        kind_dossier = "Đánh giá hồ sơ", "Rate a dossier";
        privacy = "Quyền riêng tư", "Privacy";
        choose = "Chọn phiếu", "Choose a form";
        start = "Bắt đầu", "Start";
        next = "Tiếp", "Next";
        prev = "Quay lại", "Back";
        review = "Xem lại", "Review";
        send = "Gửi đánh giá", "Send";
        step = "Bước", "Step";
        of = "/", "/";
        edit = "Sửa", "Edit";
        not_answered = "Chưa trả lời", "Not answered";
        errors_title = "Vui lòng kiểm tra lại:", "Please check:";
        restored = "Đã khôi phục câu trả lời bạn đang làm dở.", "We restored the answers you had started.";
        no_random = "Trình duyệt này không tạo được mã ngẫu nhiên cho phiếu nên chưa thể lưu và gửi câu trả lời. Vui lòng cập nhật hoặc dùng trình duyệt khác.", "This browser could not make a random code for your answer, so it cannot be saved or sent. Please update it or use another browser.";
        about_answer = "Về hồ sơ của bạn", "About your dossier";
        helpful_refused = "Không gửi được đánh giá này: câu trả lời không hợp lệ (ví dụ góp ý quá dài). Hãy sửa góp ý rồi bấm lại.", "This rating could not be sent: the answer is not valid (for example, the comment is too long). Edit the comment and tap again.";
        discard = "Làm lại từ đầu", "Start over";
        procedure = "Thủ tục được đánh giá", "Procedure being rated";
        no_procedure = "Không chọn thủ tục cụ thể", "No specific procedure";
        overall_title = "Đánh giá chung", "Overall";
        profile_title = "Về bạn (không bắt buộc)", "About you (optional)";
        profile_hint = "Giúp phân tích kết quả theo nhóm; không hỏi tên hay số giấy tờ.", "Helps break results down by group; we never ask for names or ID numbers.";
        chars_left = "ký tự còn lại", "characters left";
        thanks = "Cảm ơn bạn đã đánh giá!", "Thank you for your feedback!";
        receipt = "Mã biên nhận", "Receipt code";
        receipt_hint = "Giữ mã này nếu bạn muốn hỏi lại về phiếu của mình.", "Keep this code if you want to ask about your answers.";
        queued = "Mạng đang yếu: phiếu đã được lưu trên máy và sẽ tự gửi khi có mạng.", "The network is weak: your answers are saved on this device and will be sent automatically.";
        another = "Đánh giá thêm", "Rate another";
        pending = "phản hồi đang chờ gửi", "answers waiting to be sent";
        failed = "Phản hồi không gửi được", "Answers that could not be sent";
        download = "Tải câu trả lời", "Download my answers";
        remove = "Xóa", "Remove";
        storage_broken = "Một phiếu lưu trên máy này bị hỏng và được giữ nguyên:", "An answer stored on this device is damaged and was kept as it is:";
        memory_only = "Trình duyệt không cho lưu phiếu trên máy này, nên phiếu chỉ được giữ khi trang còn mở. Xin đừng đóng trang cho đến khi phiếu được gửi.", "This browser does not let the widget store answers on the device, so they are kept only while this page is open. Please keep it open until your answer has been sent.";
        helpful_yes_thanks = "Cảm ơn bạn!", "Thank you!";
        helpful_comment = "Góp ý thêm", "Tell us more";
        honeypot = "Để trống ô này", "Leave this empty";
    }
}
