use super::*;

fn names(d: &Documents) -> Vec<(&str, &str)> {
    d.list.iter().map(|d| (d.name.as_str(), d.note.as_str())).collect()
}

#[test]
fn plain_table() {
    let d = parse(&format!(
        "--{HEADER}Tờ khai đăng ký (mẫu TK01)TK01.docx1 bản chínhGiấy tờ tùy thân0 bản chính,1 bản sao"
    ));
    assert_eq!(
        names(&d),
        vec![("Tờ khai đăng ký (mẫu TK01)", "1 bản chính; mẫu: TK01.docx"), ("Giấy tờ tùy thân", "1 bản sao")]
    );
    assert!(!d.unsplit);
}

#[test]
fn groups_and_sub_headings_go_into_notes() {
    let cell = format!(
        "a) Đối với cá nhân:{HEADER}- Đơn đề nghị1 bản chính- Giấy tờ phải xuất trình:0 bản chínhHộ chiếu1 bản chính,1 bản saob) Đối với tổ chức:{HEADER}+ Văn bản đề nghị1 bản chính"
    );
    let d = parse(&cell);
    assert_eq!(
        names(&d),
        vec![
            ("Đơn đề nghị", "a) Đối với cá nhân; 1 bản chính"),
            ("Hộ chiếu", "a) Đối với cá nhân — Giấy tờ phải xuất trình; 1 bản chính, 1 bản sao"),
            ("Văn bản đề nghị", "b) Đối với tổ chức; 1 bản chính"),
        ]
    );
}

#[test]
fn long_rows_split_at_the_first_sentence() {
    let long = format!(
        "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2023/TT-BCA). Đối với người chưa thành niên thì trong tờ khai phải ghi rõ ý kiến đồng ý của cha, mẹ hoặc người giám hộ.{}.Mau CT01.doc1 bản chính",
        " Thêm".repeat(3)
    );
    let d = parse(&format!("--{HEADER}{long}"));
    assert_eq!(
        d.list[0].name,
        "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2023/TT-BCA)"
    );
    assert!(
        d.list[0].note.starts_with("1 bản chính; mẫu: Mau CT01.doc; Đối với người chưa thành niên"),
        "{}",
        d.list[0].note
    );
}

#[test]
fn oversize_texts_are_shortened_visibly() {
    let word = "giấy ".repeat(200);
    let d = parse(&format!("--{HEADER}{word}1 bản chính"));
    assert_eq!(d.shortened, 1);
    assert!(d.list[0].name.ends_with('…') && d.list[0].name.chars().count() <= MAX_NAME);
}

#[test]
fn more_than_sixty_documents_are_summarised() {
    let rows: String = (1..=70).map(|i| format!("Giấy tờ số {i}1 bản chính")).collect();
    let d = parse(&format!("--{HEADER}{rows}"));
    assert_eq!(d.list.len(), MAX_DOCUMENTS);
    assert_eq!(d.over_limit, 11);
    assert_eq!(d.list.last().unwrap().name, "Còn 11 giấy tờ khác");
}

#[test]
fn text_without_a_table_is_kept() {
    let d = parse("Hồ sơ kê khai trên biểu mẫu điện tử");
    assert!(d.unsplit);
    assert_eq!(names(&d), vec![("Hồ sơ kê khai trên biểu mẫu điện tử", "")]);
    assert_eq!(parse("Không có thông tin"), Documents::default());
    assert_eq!(parse("--"), Documents::default());
}

#[test]
fn trailing_text_and_numbers_in_names() {
    let d =
        parse(&format!("--{HEADER}Ảnh 4x6 cm: 2 ảnh2 bản chínhBản khai theo mẫu số 10 bản chính1 bản chính* Lưu ý:"));
    assert_eq!(
        names(&d),
        vec![("Ảnh 4x6 cm: 2 ảnh", "2 bản chính"), ("Bản khai theo mẫu số 10 bản chính", "1 bản chính")]
    );
}
