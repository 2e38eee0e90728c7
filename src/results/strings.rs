//! Results-view strings.

use crate::i18n::Lang;

pub struct Rs {
    pub intro: &'static str,
    pub procedure: &'static str,
    pub all_procedures: &'static str,
    pub period: &'static str,
    pub periods: [&'static str; 4],
    pub overall: &'static str,
    pub by_element: &'static str,
    pub by_period: &'static str,
    pub suppressed: &'static str,
    pub no_data: &'static str,
    pub responses: &'static str,
    pub table_caption: &'static str,
    pub criterion: &'static str,
    pub top2: &'static str,
    pub interval: &'static str,
    pub mean: &'static str,
}

pub const VI: Rs = Rs {
    intro: "Tỷ lệ hài lòng = số người chọn 4 (Hài lòng) hoặc 5 (Rất hài lòng) trên số câu trả lời hợp lệ; vạch ngang là khoảng tin cậy 95% (Wilson).",
    procedure: "Thủ tục",
    all_procedures: "Tất cả thủ tục",
    period: "Kỳ",
    periods: ["Toàn bộ", "Theo năm", "Theo quý", "Theo tháng"],
    overall: "Hài lòng chung",
    by_element: "Theo yếu tố",
    by_period: "Hài lòng chung theo kỳ",
    suppressed: "dưới ngưỡng công bố",
    no_data: "Chưa có phiếu nào cho lựa chọn này.",
    responses: "phiếu",
    table_caption: "Bảng số liệu theo tiêu chí",
    criterion: "Tiêu chí",
    top2: "Hài lòng (4–5)",
    interval: "KTC 95%",
    mean: "Điểm TB (1–5)",
};

pub const EN: Rs = Rs {
    intro: "Satisfied share = answers of 4 (Satisfied) or 5 (Very satisfied) over valid answers; the whisker is the 95% Wilson interval.",
    procedure: "Procedure",
    all_procedures: "All procedures",
    period: "Period",
    periods: ["Whole range", "By year", "By quarter", "By month"],
    overall: "Overall satisfaction",
    by_element: "By element",
    by_period: "Overall satisfaction by period",
    suppressed: "below the publication threshold",
    no_data: "No answers yet for this choice.",
    responses: "responses",
    table_caption: "Figures by criterion",
    criterion: "Criterion",
    top2: "Satisfied (4–5)",
    interval: "95% CI",
    mean: "Mean (1–5)",
};

pub fn rs(lang: Lang) -> &'static Rs {
    crate::i18n::by_lang(lang, &VI, &EN)
}
