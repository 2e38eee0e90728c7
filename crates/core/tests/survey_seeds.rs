//! The shipped survey definitions (seeds/surveys) are valid and have the documented shape.

use std::fs;

use tthc_core::survey::{read_definition, Definition, Kind, Need};

fn load(name: &str) -> Definition {
    let path = format!("{}/../../seeds/surveys/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(&path).unwrap();
    read_definition(&path, &text).unwrap_or_else(|e| panic!("{}", tthc_core::catalogue::report(&e)))
}

fn per_element(d: &Definition) -> Vec<usize> {
    d.elements.iter().map(|e| e.criteria.len()).collect()
}

#[test]
fn every_seed_file_is_valid_and_named_after_its_key() {
    let dir = format!("{}/../../seeds/surveys", env!("CARGO_MANIFEST_DIR"));
    let mut keys: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            read_definition(&p.to_string_lossy(), &text).unwrap().key()
        })
        .collect();
    keys.sort();
    assert_eq!(keys, ["dossier-rating@2025", "helpful@2025", "sipas-service-a@2023", "sipas-service-b@2026"]);
}

#[test]
fn sipas_forms_have_the_counts_of_both_rounds() {
    let a = load("sipas-service-a@2023");
    assert_eq!(per_element(&a), [4, 4, 5, 3, 3]);
    let b = load("sipas-service-b@2026");
    assert_eq!(per_element(&b), [3, 4, 3, 3, 3]);
    for d in [&a, &b] {
        assert_eq!(d.kind, Kind::Sipas);
        let labels: Vec<&str> = d.scale.points.iter().map(|p| p.label.vi.as_str()).collect();
        assert_eq!(labels, ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]);
        assert_eq!(d.scale.not_applicable.as_ref().unwrap().vi, "Không áp dụng");
        assert!(d.criteria().all(|c| c.na));
        assert!(d.overall.as_ref().unwrap().required);
        assert_eq!(d.comment.as_ref().unwrap().max_chars, 1000);
        let sizes: Vec<(&str, usize)> = d.profile.iter().map(|q| (q.id.as_str(), q.options.len())).collect();
        assert_eq!(
            sizes,
            [("gender", 2), ("age", 5), ("ethnicity", 2), ("education", 6), ("occupation", 7), ("residence", 7)]
        );
        let channels: Vec<&str> = d.context.channel.as_ref().unwrap().options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(channels, ["truc_tiep", "mot_phan", "toan_trinh"]);
    }
}

#[test]
fn quick_schemes() {
    let d = load("dossier-rating@2025");
    assert_eq!(d.kind, Kind::Dossier);
    assert!(d.profile.is_empty() && d.dossier.is_some() && d.overall.is_none());
    let labels: Vec<(u8, &str)> = d.scale.points.iter().map(|p| (p.value, p.label.vi.as_str())).collect();
    assert_eq!(labels, [(2, "Không hài lòng"), (4, "Hài lòng"), (5, "Rất hài lòng")]);
    let h = load("helpful@2025");
    assert_eq!(h.kind, Kind::Helpful);
    assert_eq!(h.title.vi, "Thông tin này có giúp ích không?");
    assert_eq!(h.criteria().count(), 1);
    assert_eq!(h.context.tier, Need::Absent);
    assert!(h.comment.is_some() && h.profile.is_empty());
}
