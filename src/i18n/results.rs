//! The results view's strings.

use super::table;

table! {
    ResultsStrings {
        /// The heading until the survey's own title is loaded.
        title = "Khảo sát mức độ hài lòng (theo tiêu chí SIPAS)", "Satisfaction survey results";
        intro = "Tỷ lệ hài lòng = số người chọn 4 (Hài lòng) hoặc 5 (Rất hài lòng) trên số câu trả lời hợp lệ; vạch ngang là khoảng tin cậy 95% (Wilson).", "Satisfied share = answers of 4 (Satisfied) or 5 (Very satisfied) over valid answers; the whisker is the 95% Wilson interval.";
        procedure = "Thủ tục", "Procedure";
        all_procedures = "Tất cả thủ tục", "All procedures";
        period = "Kỳ", "Period";
        overall = "Hài lòng chung", "Overall satisfaction";
        by_element = "Theo yếu tố", "By element";
        by_period = "Hài lòng chung theo kỳ", "Overall satisfaction by period";
        suppressed = "dưới ngưỡng công bố", "below the publication threshold";
        no_data = "Chưa có phiếu nào cho lựa chọn này.", "No answers yet for this choice.";
        responses = "phiếu", "responses";
        table_caption = "Bảng số liệu theo tiêu chí", "Figures by criterion";
        criterion = "Tiêu chí", "Criterion";
        top2 = "Hài lòng (4–5)", "Satisfied (4–5)";
        interval = "KTC 95%", "95% CI";
        mean = "Điểm TB (1–5)", "Mean (1–5)";
    }
}
