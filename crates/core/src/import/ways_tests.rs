use super::*;
use Channel::*;

fn p(body: &str) -> Ways {
    parse(&format!("{HEADER}{body}"))
}

#[test]
fn same_values_on_every_channel_collapse() {
    let w = p(
        "Trực tuyến10 Ngày làm việcMiễn phíDịch vụ bưu chính10 Ngày làm việcMiễn phíTrực tiếp10 Ngày làm việcMiễn phí",
    );
    assert_eq!(w.channels, vec![TrucTuyen, BuuChinh, TrucTiep]);
    assert_eq!((w.time.as_str(), w.fee.as_str(), w.unsplit), ("10 ngày làm việc", "Miễn phí", 0));
}

#[test]
fn bare_numbers_say_the_unit_is_missing() {
    let w = p("Trực tuyến1Miễn phíTrực tiếp1Miễn phí");
    assert_eq!(w.time, "1 (bảng không ghi đơn vị)");
}

#[test]
fn amounts_notes_and_descriptions() {
    let w = p("Trực tiếp5 Ngày làm việc100,000 Việt Nam Đồng(Lệ phí cấp lần đầu)Nộp tại Bộ phận Một cửaTrực tuyến5 Ngày làm việc50,000 VNĐTrong thời hạn 05 ngày");
    assert_eq!(w.channels, vec![TrucTuyen, TrucTiep]);
    assert_eq!(w.time, "5 ngày làm việc");
    assert_eq!(w.fee, "trực tiếp: 100.000 đồng (Lệ phí cấp lần đầu); trực tuyến: 50.000 đồng");
}

#[test]
fn different_times_per_channel() {
    let w = p("Trực tiếp15 NgàyKhông có thông tinTrực tuyến10 NgàyKhông có thông tin");
    assert_eq!(w.time, "trực tiếp: 15 ngày; trực tuyến: 10 ngày");
    assert_eq!(w.fee, "");
}

#[test]
fn unknown_cells_stay_empty() {
    let w = p("Trực tiếpKhông có thông tinKhông có thông tinTrực tiếp tại trụ sở Công an tỉnh");
    assert_eq!(w.channels, vec![TrucTiep]);
    assert_eq!((w.time.as_str(), w.fee.as_str(), w.unsplit), ("", "", 0));
    assert_eq!(parse("Không có thông tin"), Ways::default());
    assert_eq!(parse(""), Ways::default());
}

#[test]
fn description_mentioning_a_channel_is_not_a_row() {
    let w = p("Trực tiếp10 NgàyKhông có thông tinTrực tiếp tại Công an cấp xã. Trực tuyến: nộp qua Cổng");
    assert_eq!(w.channels, vec![TrucTiep]);
    assert_eq!(w.time, "10 ngày");
}

#[test]
fn free_text_time_cell() {
    let w = p("Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phíQua Cổng dịch vụ công");
    assert_eq!((w.time.as_str(), w.fee.as_str()), ("Không phải trả kết quả cho người nộp thuế", "Miễn phí"));
    let w = p("Trực tiếpKhôngKhông có thông tinTại Trung tâm phục vụ hành chính công");
    assert_eq!((w.time.as_str(), w.fee.as_str()), ("Không", ""));
}

#[test]
fn run_together_time_and_amount_is_kept_as_text() {
    let w = p("Trực tiếp120 VNĐ(Lệ phí 20.000 đồng)");
    assert_eq!(w.unsplit, 1);
    assert_eq!(w.time, "trực tiếp: 120 VNĐ(Lệ phí 20.000 đồng)");
    assert_eq!(w.fee, "");
}

#[test]
fn text_without_rows_is_kept() {
    let w = parse("Nộp hồ sơ trực tiếp hoặc qua bưu điện, trả kết quả trong 3 ngày");
    assert_eq!(w.unsplit, 1);
    assert!(w.channels.is_empty());
    assert_eq!(w.time, "Nộp hồ sơ trực tiếp hoặc qua bưu điện, trả kết quả trong 3 ngày");
}

#[test]
fn placeholder_notes_are_dropped_and_tabs_tolerated() {
    let w = p("Trực tuyến\t7 Ngày làm việcMiễn phí(Không quy định)");
    assert_eq!((w.time.as_str(), w.fee.as_str()), ("7 ngày làm việc", "Miễn phí"));
    let w = p("Trực tiếp2 GiờMiễn phí((a) khoản 1)");
    assert_eq!((w.time.as_str(), w.fee.as_str()), ("2 giờ", "Miễn phí ((a) khoản 1)"));
}
