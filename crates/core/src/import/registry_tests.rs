use super::*;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/registry").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_csv_export_with_its_odd_cases() {
    let r = read(&fixture("tinh-thu.csv")).unwrap();
    assert_eq!(r.format, "CSV");
    assert_eq!(r.rows.len(), 16, "{:?}", r.bad);
    // A variant with no suffix keeps the procedure's code; .02 without .01 stays .02.
    assert!(r.rows.iter().any(|x| x.code == "2.000720" && x.variant == "2.000720"));
    assert!(r.rows.iter().filter(|x| x.code == "1.001193").all(|x| x.variant == "1.001193.02"));
    // Double spaces collapsed; links with and without a scheme are the same https link.
    let dh = r.rows.iter().find(|x| x.agency == "H99.101").unwrap();
    assert_eq!(dh.agency_name, "UBND phường Đông Hải");
    let urls: std::collections::BTreeSet<&str> =
        r.rows.iter().filter(|x| x.code == "1.001193").map(|x| x.url.as_str()).collect();
    assert_eq!(urls.into_iter().collect::<Vec<_>>(), ["https://dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc"]);
    let reasons: Vec<String> = r.bad.iter().map(|(p, m)| format!("{p}: {m}")).collect();
    assert_eq!(reasons.len(), 5, "{reasons:#?}");
    assert!(
        reasons[0].starts_with("line 18: the filing host \"evil.example.com\" is not on the filing allowlist"),
        "{reasons:#?}"
    );
    assert!(reasons[1].contains("MucDo \"Mức 9\""), "{reasons:#?}");
    assert!(reasons[2].contains("MaDVC \"1.004873.1\""), "{reasons:#?}");
    assert!(reasons[3].contains("TrangThai \"Thử nghiệm\""), "{reasons:#?}");
    assert!(reasons[4].contains("MaCQTH \"xã An Bình\""), "{reasons:#?}");
}

#[test]
fn the_portal_api_json_rows() {
    let r = read(&fixture("tinh-thu.json")).unwrap();
    assert_eq!(r.format, "JSON");
    let got: Vec<(&str, &str, Level)> = r.rows.iter().map(|x| (x.code.as_str(), x.agency.as_str(), x.level)).collect();
    assert_eq!(
        got,
        [
            ("1.001193", "H99.102", Level::ToanTrinh),
            ("2.001827", "H99.102", Level::MotPhan),
            ("2.001827", "H99.10.08", Level::ToanTrinh),
            ("1.004873", "H99.102", Level::TrucTiep),
        ]
    );
    let reasons: Vec<String> = r.bad.iter().map(|(p, m)| format!("{p}: {m}")).collect();
    assert_eq!(
        reasons,
        ["row 5: TenCQTH (the agency's name) is empty", "row 6: departmentName is not text", "row 7: is not an object"]
    );
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let e = read("MaTTHC,MaDVC,TenDVC,TenCQTH,MaCQTH,MucDo,CitizenURL\n1.001193,\"1.001193.01,x,y,H50.101,Toàn trình,dvc.moc.gov.vn\n").unwrap_err();
    assert!(e.contains("never closed"), "{e}");
    let e = read("code,level\n1.001193,4\n").unwrap_err();
    assert!(e.contains("lacks the column(s) code, agency, agency_name, level, url"), "{e}");
    let e = read("MaTTHC,TenCQTH,MaCQTH,MucDo,CitizenURL\n1.001193,UBND,H50.101,Toàn trình,evil.com\n").unwrap_err();
    assert!(e.contains("no usable row") && e.contains("line 2"), "{e}");
    assert!(read("").unwrap_err().contains("empty"));
    assert!(read("{\"rows\": 1}").unwrap_err().contains("data"));
    let huge = "x".repeat(MAX_REGISTRY_BYTES + 1);
    assert!(read(&huge).unwrap_err().contains("limit"));
    // A short row is reported, not read into the wrong columns.
    let r = read("MaTTHC,TenCQTH,MaCQTH,MucDo,CitizenURL\n1.001193,UBND xã A,H50.101,Toàn trình,dvc.moc.gov.vn/x\n1.001193,H50.102\n").unwrap();
    assert_eq!(r.bad, [("line 3".to_owned(), "has 2 column(s); the header has 5".to_owned())]);
}
