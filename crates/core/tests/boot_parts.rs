//! public/boot.js picks which part of the widget to load from `mode` before any Rust runs, so it
//! keeps a copy of `Mode::part`: this test holds the copy to the rule.

use tthc_core::embed::{Mode, Part};

#[test]
fn boot_js_loads_the_feedback_part_for_exactly_the_feedback_modes() {
    let path = format!("{}/../../public/boot.js", env!("CARGO_MANIFEST_DIR"));
    let boot = std::fs::read_to_string(&path).unwrap();
    let start = boot.find("const feedback = [").expect("boot.js lists the feedback modes") + "const feedback = [".len();
    let list = &boot[start..start + boot[start..].find(']').expect("the list ends")];
    let mut in_boot: Vec<&str> = list.split(',').map(|s| s.trim().trim_matches('\'')).collect();
    let mut in_core: Vec<&str> =
        Mode::ALL.iter().filter(|(m, _)| m.part() == Part::Feedback).map(|(_, id)| *id).collect();
    in_boot.sort();
    in_core.sort();
    assert_eq!(in_boot, in_core, "{path}");
}
