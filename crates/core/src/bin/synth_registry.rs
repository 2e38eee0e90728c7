//! `synth_registry <tthc-national.jsonl> <out-dir>`: a province at the real registry's scale, for
//! `make bench` only (tools/registry-scale.sh runs it through the importer and the build, so what
//! is measured is what a province would ship). Deterministic (fixed seeds). Writes:
//!
//! - `<out>/records.jsonl`: the national records as they are, plus varied copies of tỉnh/xã records
//!   (a real qualifier, a fresh code) up to `PROCEDURES` procedures a province handles;
//! - `<out>/registry.csv`: the portal's registry export (its CSV columns), about `ROWS` rows, shaped
//!   like Quảng Trị's real one: xã-tier procedures at all 78 communes (some also at their
//!   department, or at the land office and its 17 branches), tỉnh-tier ones at 1–19 departments or
//!   branches; mostly one level, a few with communes or a department at another; a few with 2–3
//!   service variants; filing links of the real systems, with and without `https://` as listed.
//!   xã-tier procedures are put at the communes until the rows run out; past that, those with a
//!   tỉnh tier go to their department and the others are left out of the registry, with 3 % of
//!   all procedures ("not in the registry").

#[path = "shared/synthetic.rs"]
mod synthetic;

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use synthetic::{code_number, fresh_code, qualifiers, varied_name, Rng};
use tthc_core::catalogue::filing::normalise_link;
use tthc_core::catalogue::schema::{Procedure, Tier};
use tthc_core::fold::fold;
use tthc_core::import::{self, convert::is_local};

/// Procedures of tier tỉnh or xã (the national records give 1,601; the rest are varied copies).
const PROCEDURES: usize = 1_800;
/// Rows of the real province's full registry.
const ROWS: usize = 33_573;
const COMMUNES: usize = 78;
/// One procedure in this many (3 %) is not in the registry, whatever its tier.
const LEFT_OUT_EVERY: usize = 33;
const PROVINCE: &str = "tỉnh Thử Nghiệm";
/// Agency codes: the real shape (`H50.101`), under a prefix no province has.
const PREFIX: &str = "H99";
/// The province's own portal (on the filing allowlist), for services run on the local system.
const LOCAL_URL: &str = "https://dichvucong.quangtri.gov.vn/nps/apply";
const LOCAL_SYSTEM: &str = "DVC bộ ngành thực hiện trên hệ thống địa phương";
const MINISTRY_SYSTEM: &str = "DVC thực hiện trên Hệ thống bộ ngành";

/// The departments: code, name, the ministry's filing link as the real file writes it, and words of
/// the records' fields they handle.
#[rustfmt::skip] // a data table: one department a line
const DEPARTMENTS: [(&str, &str, &str, &[&str]); 9] = [
    ("02", "Sở Nội vụ", "dichvucongbnv.moha.gov.vn/vi/nps/apply?", &["Nội vụ", "Lao động", "Việc làm", "Người có công", "Bảo trợ", "Tôn giáo", "Thi đua", "Công chức", "Trẻ em", "Bảo hiểm", "BHXH"]),
    ("03", "Sở Tư pháp", "dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc?", &["Hộ tịch", "Chứng thực", "Tư pháp", "Luật sư", "Công chứng", "Nuôi con nuôi", "Quốc tịch", "Lý lịch", "Trợ giúp pháp lý", "Giám định", "Đấu giá", "Hòa giải", "Thừa phát lại"]),
    ("04", "Sở Tài chính", "sso.mof.gov.vn/vneid/authorize?client_id=dntn-66666131", &["Doanh nghiệp", "Đầu tư", "Tài chính", "Hợp tác xã", "Thuế", "Hải quan", "Ngân hàng", "Kho bạc", "Công sản", "Đấu thầu"]),
    ("05", "Sở Công Thương", LOCAL_URL, &["Thương", "Điện", "Hóa chất", "Xăng dầu", "Công nghiệp", "Thị trường", "Vật liệu nổ", "Rượu", "Thuốc lá", "An toàn thực phẩm"]),
    ("06", "Sở Y tế", "dichvucongbyt.moh.gov.vn/vi/nps/apply?", &["Y tế", "Dược", "Khám", "Mỹ phẩm", "Dân số", "Trang thiết bị"]),
    ("07", "Sở Giáo dục và Đào tạo", "dvc.moet.gov.vn/vi/nps/apply?", &["Giáo dục", "Đào tạo", "Văn bằng"]),
    ("08", "Sở Văn hóa, Thể thao và Du lịch", LOCAL_URL, &["Văn hóa", "Thể thao", "Du lịch", "Gia đình", "Di sản", "Thông tin", "Báo chí", "Xuất bản"]),
    ("09", "Sở Xây dựng", "dvc.moc.gov.vn/vi/nps/apply", &["Xây dựng", "Nhà ở", "Giao thông", "Đường", "Quy hoạch", "Kiến trúc", "Hạ tầng", "Bất động sản", "Đăng kiểm"]),
    ("10", "Sở Nông nghiệp và Môi trường", "dichvucongnnmt.mae.gov.vn/vi/nps/apply?", &["Đất đai", "Môi trường", "Nông", "Thủy", "Lâm", "Trồng", "Chăn nuôi", "Thú y", "Tài nguyên", "Khoáng sản", "Đo đạc", "Biển", "Khí tượng"]),
];
/// The department of land (its land office and branches take land procedures), of construction.
const LAND: usize = 8;
const CONSTRUCTION: usize = 7;
const ROMAN: [&str; 17] =
    ["VI", "II", "VIII", "VII", "V", "I", "III", "IV", "XIII", "XVI", "X", "XII", "XIV", "XI", "XV", "IX", "XVII"];
/// Syllables of commune names; two make a name ("xã Tân Lâm").
const SYLLABLES: [&str; 36] = [
    "An",
    "Bình",
    "Cam",
    "Đông",
    "Hà",
    "Hải",
    "Hòa",
    "Hưng",
    "Kim",
    "Lâm",
    "Lệ",
    "Linh",
    "Long",
    "Minh",
    "Nam",
    "Ninh",
    "Phong",
    "Phú",
    "Quang",
    "Sơn",
    "Tân",
    "Thạch",
    "Thanh",
    "Thủy",
    "Tiến",
    "Trạch",
    "Trung",
    "Trường",
    "Vĩnh",
    "Xuân",
    "Gianh",
    "Gio",
    "Hướng",
    "Triệu",
    "Cửa",
    "Lộc",
];
/// Names of a procedure's second and third service variants.
const CASES: [&str; 4] = [
    "(trường hợp cấp lần đầu)",
    "(trường hợp cấp lại)",
    "(trường hợp điều chỉnh, bổ sung)",
    "(trường hợp có yếu tố nước ngoài)",
];

/// Where agencies start in the directory (communes first).
const FIRST_DEPARTMENT: usize = COMMUNES + 1;
const LIVESTOCK: usize = FIRST_DEPARTMENT + DEPARTMENTS.len();
const LAND_OFFICE: usize = LIVESTOCK + 1;

/// The province's agencies, (code, name): 78 communes (8 wards, one special zone), the province,
/// its departments, one department's office, the land office and its 17 branches — 107, as in the
/// real registry.
fn directory() -> Vec<(String, String)> {
    let mut pairs: Vec<(usize, usize)> =
        (0..SYLLABLES.len()).flat_map(|a| (0..SYLLABLES.len()).map(move |b| (a, b))).filter(|(a, b)| a != b).collect();
    Rng(0x636f_6d6d_756e_6573).shuffle(&mut pairs);
    let mut names: Vec<(String, String)> = pairs[..COMMUNES]
        .iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let kind = match i {
                0..=7 => "phường",
                77 => "đặc khu",
                _ => "xã",
            };
            (format!("{PREFIX}.{}", 101 + i), format!("UBND {kind} {} {}", SYLLABLES[*a], SYLLABLES[*b]))
        })
        .collect();
    names.push((PREFIX.into(), format!("UBND {PROVINCE}")));
    for (code, name, ..) in DEPARTMENTS {
        names.push((format!("{PREFIX}.{code}"), format!("{name} - {PROVINCE}")));
    }
    names.push((format!("{PREFIX}.10.06"), format!("Chi cục Chăn nuôi và Thú y - {PROVINCE}")));
    names.push((format!("{PREFIX}.10.04"), format!("Văn phòng Đăng ký đất đai - {PROVINCE}")));
    for (i, r) in ROMAN.iter().enumerate() {
        names.push((
            format!("{PREFIX}.10.04.{:03}", i + 1),
            format!("Chi nhánh Văn phòng Đăng ký đất đai khu vực {r} - {PROVINCE}"),
        ));
    }
    names
}

/// The first department with a word in the procedure's field (folded), else one by the field's bytes.
fn department(field: &str) -> usize {
    let f = fold(field);
    DEPARTMENTS
        .iter()
        .position(|(_, _, _, words)| words.iter().any(|w| f.contains(&fold(w))))
        .unwrap_or_else(|| field.bytes().map(usize::from).sum::<usize>() % DEPARTMENTS.len())
}

fn other(level: &str) -> &'static str {
    if level == "Toàn trình" {
        "Một phần"
    } else {
        "Toàn trình"
    }
}

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The registry's rows for one procedure: at the communes (`true`) or at its department(s).
fn rows(p: &Procedure, at_communes: bool, dir: &[(String, String)]) -> Vec<String> {
    let mut rng = Rng(u64::from(code_number(&p.code)).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let dept = department(&p.field);
    let land = dept == LAND && fold(&p.field).contains("dat dai");
    let level = if rng.below(100) < if at_communes { 70 } else { 55 } { "Toàn trình" } else { "Một phần" };
    // Agencies that take it, each with its level.
    let mut at: Vec<(usize, &str)> = Vec::new();
    if at_communes {
        at.extend((0..COMMUNES).map(|c| (c, level)));
        if rng.below(100) < 3 {
            for _ in 0..1 + rng.below(8) {
                at[rng.below(COMMUNES)].1 = other(level);
            }
        }
        let extra: Vec<usize> = match rng.below(100) {
            0..=49 if land => (LAND_OFFICE..LAND_OFFICE + 18).collect(),
            0..=19 => vec![FIRST_DEPARTMENT + dept],
            20..=22 => vec![COMMUNES, FIRST_DEPARTMENT + dept],
            _ => Vec::new(),
        };
        let differs = rng.below(4) == 0;
        at.extend(extra.into_iter().map(|a| (a, if differs { other(level) } else { level })));
    } else {
        let mut extra: Vec<usize> = match rng.below(100) {
            0..=59 if land => (LAND_OFFICE..LAND_OFFICE + 18).collect(),
            0..=14 => vec![COMMUNES],
            15..=19 if dept == LAND => vec![LIVESTOCK],
            15..=19 => vec![COMMUNES, FIRST_DEPARTMENT + (dept + 1) % DEPARTMENTS.len()],
            _ => Vec::new(),
        };
        extra.insert(0, FIRST_DEPARTMENT + dept);
        at.extend(extra.into_iter().map(|a| (a, level)));
        if at.len() > 1 && rng.below(100) < 8 {
            let i = rng.below(at.len());
            at[i].1 = other(level);
        }
    }
    let url = if rng.below(100) < 6 { LOCAL_URL } else { DEPARTMENTS[dept].2 };
    // The real file lists the construction ministry's system both with and without the scheme.
    let url =
        if url == DEPARTMENTS[CONSTRUCTION].2 && rng.below(3) == 0 { format!("https://{url}") } else { url.to_owned() };
    let system = if url == LOCAL_URL { LOCAL_SYSTEM } else { MINISTRY_SYSTEM };
    let variants = match rng.below(100) {
        0..=3 => 2,
        4 => 3,
        _ => 1,
    };
    let single_id = match rng.below(100) {
        0 => p.code.clone(),
        1..=2 => format!("{}.02", p.code),
        _ => format!("{}.01", p.code),
    };
    let mut out = Vec::with_capacity(at.len() * variants);
    for v in 0..variants {
        let (id, name) = match v {
            0 if variants == 1 => (single_id.clone(), p.name.clone()),
            _ if v == 0 => (format!("{}.01", p.code), p.name.clone()),
            _ => (format!("{}.{:02}", p.code, v + 1), varied_name(&p.name, CASES[rng.below(CASES.len())])),
        };
        let shift = v > 0 && rng.below(10) < 4;
        for (a, l) in &at {
            let (code, agency) = &dir[*a];
            let l = if shift { other(l) } else { l };
            out.push([&p.code, &id, &name, agency, code, l, "Chính thức", system, &url].map(csv).join(","));
        }
    }
    out
}

/// The records file's lines, and the procedures of tier tỉnh or xã (read by the importer).
fn read(path: &str) -> Result<(Vec<String>, Vec<Procedure>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut rep = import::report::Report::default();
    let all = import::national_procedures(&text, &mut rep).map_err(|e| format!("{path}: {e}"))?;
    let local: Vec<Procedure> = all.into_iter().map(|x| x.procedure).filter(|p| is_local(&p.tiers)).collect();
    Ok((text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect(), local))
}

/// Varied copies of local records, each as a JSON line and a procedure, up to `PROCEDURES`.
fn vary(lines: &[String], local: &[Procedure]) -> Result<Vec<(String, Procedure)>, String> {
    let mut raw: HashMap<String, Value> = HashMap::new();
    for l in lines {
        let v: Value = serde_json::from_str(l).map_err(|e| format!("records: one object a line expected ({e})"))?;
        if let Some(code) = v.get("ma_thu_tuc").and_then(Value::as_str) {
            raw.entry(code.trim().to_owned()).or_insert(v);
        }
    }
    let mut order: Vec<&Procedure> = local.iter().collect();
    Rng(0x7661_7269_6564_2121).shuffle(&mut order);
    let pool = qualifiers(local);
    let mut used: HashSet<u32> = raw.keys().map(|c| code_number(c)).collect();
    let mut out = Vec::new();
    for i in 0..PROCEDURES.saturating_sub(local.len()) {
        let r = order[i % order.len()];
        let mut p = r.clone();
        p.code = fresh_code(code_number(&r.code) + (1 + i / order.len()) as u32 * 104_729, &mut used);
        p.name = varied_name(&r.name, &pool[(i * 31) % pool.len()]);
        let mut v = raw.get(&r.code).cloned().ok_or(format!("records: {} has no line of its own", r.code))?;
        v["ma_thu_tuc"] = Value::from(p.code.clone());
        v["ten_thu_tuc"] = Value::from(p.name.clone());
        out.push((v.to_string(), p));
    }
    Ok(out)
}

fn run(args: &[String]) -> Result<(), String> {
    let [src, out] = args else { return Err("usage: synth_registry <tthc-national.jsonl> <out-dir>".into()) };
    for (_, _, url, _) in DEPARTMENTS {
        normalise_link(url)?;
    }
    let (mut lines, mut local) = read(src)?;
    let varied = vary(&lines, &local)?;
    let n_varied = varied.len();
    for (line, p) in varied {
        lines.push(line);
        local.push(p);
    }
    let dir = directory();
    let mut order: Vec<&Procedure> = local.iter().collect();
    Rng(0x7265_6769_7374_7279).shuffle(&mut order);
    // Each procedure's rows away from the communes (none when left out), then the xã-tier ones
    // moved to the communes while the rows last.
    let mut plan: Vec<Vec<String>> =
        order
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i % LEFT_OUT_EVERY == 0 || !p.tiers.contains(&Tier::Tinh) {
                    Vec::new()
                } else {
                    rows(p, false, &dir)
                }
            })
            .collect();
    let mut total: usize = plan.iter().map(Vec::len).sum();
    for (i, p) in order.iter().enumerate() {
        if i % LEFT_OUT_EVERY != 0 && p.tiers.contains(&Tier::Xa) {
            let at = rows(p, true, &dir);
            let next = total - plan[i].len() + at.len();
            if next <= ROWS {
                total = next;
                plan[i] = at;
            }
        }
    }
    let out = Path::new(out);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut csv = String::from("MaTTHC,MaDVC,TenDVC,TenCQTH,MaCQTH,MucDo,TrangThai,LoaiHeThong,CitizenURL\n");
    for line in plan.iter().flatten() {
        let _ = writeln!(csv, "{line}");
    }
    let listed = plan.iter().filter(|r| !r.is_empty()).count();
    let write = |name: &str, text: &str| {
        std::fs::write(out.join(name), text).map_err(|e| format!("{}: {e}", out.join(name).display()))
    };
    write("records.jsonl", &(lines.join("\n") + "\n"))?;
    write("registry.csv", &csv)?;
    println!(
        "synth_registry: {} — {} procedures of tier tỉnh or xã ({} varied), registry {total} rows, {listed} procedures, {} agencies",
        out.display(),
        local.len(),
        n_varied,
        dir.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth_registry: {e}");
            ExitCode::FAILURE
        }
    }
}
