//! Survey-specific interface strings (the questions themselves are data in seeds/surveys).

use crate::i18n::Lang;
use tthc_core::survey::Text;

pub fn pick(t: &Text, lang: Lang) -> String {
    match lang {
        Lang::Vi => t.vi.clone(),
        Lang::En => {
            if t.en.is_empty() {
                t.vi.clone()
            } else {
                t.en.clone()
            }
        }
    }
}

pub struct St {
    pub choose: &'static str,
    pub start: &'static str,
    pub next: &'static str,
    pub prev: &'static str,
    pub review: &'static str,
    pub send: &'static str,
    pub step: &'static str,
    pub of: &'static str,
    pub edit: &'static str,
    pub not_answered: &'static str,
    pub errors_title: &'static str,
    pub restored: &'static str,
    pub no_random: &'static str,
    pub about_answer: &'static str,
    pub helpful_refused: &'static str,
    pub discard: &'static str,
    pub procedure: &'static str,
    pub no_procedure: &'static str,
    pub overall_title: &'static str,
    pub profile_title: &'static str,
    pub profile_hint: &'static str,
    pub chars_left: &'static str,
    pub thanks: &'static str,
    pub receipt: &'static str,
    pub receipt_hint: &'static str,
    pub queued: &'static str,
    pub another: &'static str,
    pub pending: &'static str,
    pub failed: &'static str,
    pub download: &'static str,
    pub remove: &'static str,
    pub storage_broken: &'static str,
    pub memory_only: &'static str,
    pub helpful_yes_thanks: &'static str,
    pub helpful_comment: &'static str,
    pub honeypot: &'static str,
}

pub const VI: St = St {
    choose: "Chọn phiếu",
    start: "Bắt đầu",
    next: "Tiếp",
    prev: "Quay lại",
    review: "Xem lại",
    send: "Gửi đánh giá",
    step: "Bước",
    of: "/",
    edit: "Sửa",
    not_answered: "Chưa trả lời",
    errors_title: "Vui lòng kiểm tra lại:",
    restored: "Đã khôi phục câu trả lời bạn đang làm dở.",
    helpful_refused: "Không gửi được đánh giá này: câu trả lời không hợp lệ (ví dụ góp ý quá dài). Hãy sửa góp ý rồi bấm lại.",
    about_answer: "Về hồ sơ của bạn",
    no_random: "Trình duyệt này không tạo được mã ngẫu nhiên cho phiếu nên chưa thể lưu và gửi câu trả lời. Vui lòng cập nhật hoặc dùng trình duyệt khác.",
    discard: "Làm lại từ đầu",
    procedure: "Thủ tục được đánh giá",
    no_procedure: "Không chọn thủ tục cụ thể",
    overall_title: "Đánh giá chung",
    profile_title: "Về bạn (không bắt buộc)",
    profile_hint: "Giúp phân tích kết quả theo nhóm; không hỏi tên hay số giấy tờ.",
    chars_left: "ký tự còn lại",
    thanks: "Cảm ơn bạn đã đánh giá!",
    receipt: "Mã biên nhận",
    receipt_hint: "Giữ mã này nếu bạn muốn hỏi lại về phiếu của mình.",
    queued: "Mạng đang yếu: phiếu đã được lưu trên máy và sẽ tự gửi khi có mạng.",
    another: "Đánh giá thêm",
    pending: "phản hồi đang chờ gửi",
    failed: "Phản hồi không gửi được",
    download: "Tải câu trả lời",
    remove: "Xóa",
    storage_broken: "Một phiếu lưu trên máy này bị hỏng và được giữ nguyên:",
    memory_only: "Trình duyệt không cho lưu phiếu trên máy này, nên phiếu chỉ được giữ khi trang còn mở. Xin đừng đóng trang cho đến khi phiếu được gửi.",
    helpful_yes_thanks: "Cảm ơn bạn!",
    helpful_comment: "Góp ý thêm",
    honeypot: "Để trống ô này",
};

pub const EN: St = St {
    choose: "Choose a form",
    start: "Start",
    next: "Next",
    prev: "Back",
    review: "Review",
    send: "Send",
    step: "Step",
    of: "/",
    edit: "Edit",
    not_answered: "Not answered",
    errors_title: "Please check:",
    restored: "We restored the answers you had started.",
    helpful_refused: "This rating could not be sent: the answer is not valid (for example, the comment is too long). Edit the comment and tap again.",
    about_answer: "About your dossier",
    no_random: "This browser could not make a random code for your answer, so it cannot be saved or sent. Please update it or use another browser.",
    discard: "Start over",
    procedure: "Procedure being rated",
    no_procedure: "No specific procedure",
    overall_title: "Overall",
    profile_title: "About you (optional)",
    profile_hint: "Helps break results down by group; we never ask for names or ID numbers.",
    chars_left: "characters left",
    thanks: "Thank you for your feedback!",
    receipt: "Receipt code",
    receipt_hint: "Keep this code if you want to ask about your answers.",
    queued: "The network is weak: your answers are saved on this device and will be sent automatically.",
    another: "Rate another",
    pending: "answers waiting to be sent",
    failed: "Answers that could not be sent",
    download: "Download my answers",
    remove: "Remove",
    storage_broken: "An answer stored on this device is damaged and was kept as it is:",
    memory_only: "This browser does not let the widget store answers on the device, so they are kept only while this page is open. Please keep it open until your answer has been sent.",
    helpful_yes_thanks: "Thank you!",
    helpful_comment: "Tell us more",
    honeypot: "Leave this empty",
};

pub fn st(lang: Lang) -> &'static St {
    crate::i18n::by_lang(lang, &VI, &EN)
}
