use super::*;

fn entry(code: &str, name: &str, aliases: &[&str], level: Option<Level>) -> Entry {
    Entry {
        code: code.into(),
        name: name.into(),
        name_en: String::new(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        field: "Hộ tịch".into(),
        tiers: vec![Tier::Xa],
        online: crate::catalogue::online::Summary { level, ..Default::default() },
        popularity: 0,
    }
}

fn index() -> (Vec<Entry>, SearchIndex) {
    let e = vec![
        entry("1.001193", "Đăng ký khai sinh", &["làm giấy khai sinh"], Some(Level::ToanTrinh)),
        entry("1.004884", "Đăng ký lại khai sinh", &[], Some(Level::MotPhan)),
        entry("1.000894", "Đăng ký kết hôn", &["giấy đăng ký kết hôn"], Some(Level::MotPhan)),
        entry("3.000333", "Cấp Phiếu lý lịch tư pháp", &["LLTP", "lý lịch tư pháp"], Some(Level::ToanTrinh)),
        entry("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", &["giấy độc thân"], Some(Level::ToanTrinh)),
    ];
    let idx = SearchIndex::new(&e, &[]);
    (e, idx)
}

fn codes(e: &[Entry], hits: &[usize]) -> Vec<String> {
    hits.iter().map(|&d| e[d].code.clone()).collect()
}

#[test]
fn code_with_and_without_dot() {
    let (e, idx) = index();
    let f = Filter::default();
    assert_eq!(codes(&e, &idx.search("3.000333", &f, 10)), ["3.000333"]);
    assert_eq!(codes(&e, &idx.search("3000333", &f, 10)), ["3.000333"]);
    assert_eq!(idx.search("1.00", &f, 10).len(), 4);
}

#[test]
fn unaccented_any_order_and_prefix() {
    let (e, idx) = index();
    let f = Filter::default();
    assert_eq!(codes(&e, &idx.search("dang ky khai sinh", &f, 10))[0], "1.001193");
    assert_eq!(codes(&e, &idx.search("khai sinh dang ky", &f, 10))[0], "1.001193");
    assert_eq!(codes(&e, &idx.search("ket h", &f, 10)), ["1.000894"]);
    assert_eq!(codes(&e, &idx.search("lltp", &f, 10)), ["3.000333"]);
    assert_eq!(codes(&e, &idx.search("giay doc than", &f, 10)), ["1.004873"]);
}

#[test]
fn one_typo_per_word() {
    let (e, idx) = index();
    let f = Filter::default();
    assert_eq!(codes(&e, &idx.search("ly lcih tu phap", &f, 10)), ["3.000333"]);
    assert_eq!(codes(&e, &idx.search("khai sinnh", &f, 10))[0], "1.001193");
    assert!(idx.search("khxxi", &f, 10).is_empty());
}

#[test]
fn exact_words_rank_before_prefixes_and_typos() {
    let (e, idx) = index();
    let f = Filter::default();
    // "khai sinh" is whole words in both; the shorter name wins.
    assert_eq!(codes(&e, &idx.search("khai sinh", &f, 10)), ["1.001193", "1.004884"]);
    // "permit" is a whole word in one, the start of a word in another, one swap away in the third;
    // "building" is whole in all three. The tie-breaks (shorter name, lower code) favour the reverse
    // order, so only the match kinds can put them exact, prefix, typo.
    let en = |code: &str, name: &str, name_en: &str| Entry { name_en: name_en.into(), ..entry(code, name, &[], None) };
    let e2 = vec![
        en("1.000001", "Cấp phép", "Building permti"),
        en("1.000002", "Cấp giấy phép xây dựng", "Building permits"),
        en("1.000003", "Cấp giấy phép xây dựng nhà ở riêng lẻ tại đô thị", "Building permit for urban houses"),
    ];
    let idx2 = SearchIndex::new(&e2, &[]);
    assert_eq!(codes(&e2, &idx2.search("building permit", &f, 10)), ["1.000003", "1.000002", "1.000001"]);
    assert_eq!(codes(&e2, &idx2.search("permit building", &f, 10)), ["1.000003", "1.000002", "1.000001"]);
    // "permi" starts "permits" and "permit" alike (the shorter name first) and is one letter off
    // "permti": the typo still comes last.
    assert_eq!(codes(&e2, &idx2.search("building permi", &f, 10)), ["1.000002", "1.000003", "1.000001"]);
}

#[test]
fn filters() {
    let (e, idx) = index();
    let f = Filter { level: Some(Level::ToanTrinh), ..Filter::default() };
    let all = codes(&e, &idx.search("", &f, 100));
    assert_eq!(all.len(), 3);
    assert!(!all.contains(&"1.004884".to_string()));
    let f = Filter { tier: Some(Tier::Tinh), ..Filter::default() };
    assert!(idx.search("", &f, 100).is_empty());
}

#[test]
fn suggestions_for_no_result() {
    let (e, idx) = index();
    assert!(idx.search("khai sinh ngoai quoc", &Filter::default(), 10).is_empty());
    let s = idx.suggest("khai sinh ngoai quoc", 3);
    assert_eq!(e[s[0]].code, "1.001193");
}

#[test]
fn within_one_cases() {
    assert!(within_one(b"sinh", b"sinh"));
    assert!(within_one(b"sinh", b"sihn"));
    assert!(within_one(b"sinh", b"sin"));
    assert!(within_one(b"sinh", b"sinhh"));
    assert!(within_one(b"sinh", b"xinh"));
    assert!(!within_one(b"sinh", b"xihn"));
    assert!(!within_one(b"sinh", b"si"));
}

#[test]
fn long_queries_are_capped() {
    // A 300-word paste is cut to MAX_QUERY_CHARS: a keystroke costs a bounded number of words.
    let name = vec!["sinh"; 300].join(" ");
    let e = vec![entry("1.000001", &name, &[], None), entry("1.000002", "khai sinh", &[], None)];
    let idx = SearchIndex::new(&e, &[]);
    let q = vec!["sinh"; 300].join(" ");
    assert_eq!(capped(&q).chars().count(), MAX_QUERY_CHARS);
    assert_eq!(idx.search(&q, &Filter::default(), 5), [0, 1], "the whole phrase first");
    assert_eq!(idx.suggest(&format!("{q} zzz"), 5).len(), 2);
}

#[test]
fn popularity_orders_equal_matches_only() {
    let pop = |e: Entry, w: u8| Entry { popularity: w, ..e };
    let issue = entry("1.000105", "Cấp giấy phép lái xe", &[], None);
    let reissue = entry("1.002804", "Cấp lại giấy phép lái xe", &[], None);
    let change = entry("1.002809", "Đổi giấy phép lái xe", &[], None);
    let exact = entry("1.009999", "Giấy phép kinh doanh rượu", &[], None);
    let names = |ix: &SearchIndex, es: &[Entry], q: &str| -> Vec<String> {
        ix.search(q, &Filter::default(), 10).into_iter().map(|d| es[d].code.clone()).collect()
    };
    // Without a popularity file: phrase, then shorter names, then the smaller code (documented order).
    let plain = vec![issue.clone(), reissue.clone(), change.clone()];
    let ix = SearchIndex::new(&plain, &[]);
    assert_eq!(names(&ix, &plain, "giay phep lai xe"), ["1.000105", "1.002809", "1.002804"]);
    // With it: the common first issuance before its variants, among equally good matches.
    let loose = entry("1.009998", "Thủ tục lại xem xét hồ sơ", &[], None);
    let counted = vec![pop(issue, 9), pop(reissue, 3), pop(change, 1), pop(exact, 15), pop(loose, 20)];
    let ix = SearchIndex::new(&counted, &[]);
    assert_eq!(names(&ix, &counted, "giay phep lai xe"), ["1.000105", "1.002804", "1.002809"]);
    // Popularity never beats a better match: two whole words ("lai", "xe") before one whole word
    // and a prefix ("xe" of "xem"), however popular; a code before everything.
    assert_eq!(names(&ix, &counted, "lai xe"), ["1.000105", "1.002804", "1.002809", "1.009998"]);
    assert_eq!(names(&ix, &counted, "1.002809"), ["1.002809"]);
    assert_eq!(names(&ix, &counted, "giay phep ruou"), ["1.009999"]);
}
