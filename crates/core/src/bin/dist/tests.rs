//! `catalogue dist` on a temporary dist of fake files, as trunk leaves it.

use super::{compress, finish, names, sha256_hex, top_level, Finished};
use std::path::{Path, PathBuf};

const VERSION: &str = "9.8.7";

const INDEX: &str = r#"<!doctype html><html><head>
  <script type="module" src="/w/9.8.7/boot.js"></script>
  <link rel="stylesheet" href="/w/9.8.7/widget.css" integrity="sha384-stale"/>
  <link rel="manifest" href="manifest.webmanifest">
  <link rel="icon" href="icon.svg" type="image/svg+xml">
</head>
<body>reboot.js boot.json my-boot.js</body></html>
"#;

const TEMPLATE: &str =
    "const BUILD = '__BUILD__';\nconst PRECACHE = __PRECACHE__;\nconst VERSIONED = '__VERSIONED__';\n";

/// A fresh directory holding a dist as trunk writes it, old compressed copies included, and the
/// worker's template beside it.
fn fake(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("tthc-dist-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dist = root.join("dist");
    std::fs::create_dir_all(dist.join("data/old")).unwrap();
    for (file, text) in [
        ("index.html", INDEX),
        ("widget_bg.wasm", "\0asm fake module"),
        ("icon.svg", "<svg/>"),
        ("widget.css", ".logo { background: url(icon.svg) }"),
        ("widget.js", "import('./widget_bg.wasm'); // not widget_bg.wasm.map\nfetch('./widget_finder_detail.wasm')"),
        ("widget_finder_detail.wasm", "\0asm a lazy module"),
        ("feedback_feedback_results.wasm", "\0asm another lazy module"),
        ("feedback_bg.wasm", "\0asm another module"),
        ("feedback.js", "import('./feedback_bg.wasm'); fetch('./feedback_feedback_results.wasm')"),
        ("manifest.webmanifest", r#"{"icons":[{"src":"icon.svg"}]}"#),
        ("boot.js", "import(part ? './feedback.js' : './widget.js'); fetch('manifest.webmanifest');"),
        ("embed.js", "frame.src = base + 'index.html';"),
        ("sw.js", "an old worker"),
        ("boot.js.br", "stale"),
        ("data/old/stale.json", "{}"),
        ("data/old/stale.json.gz", "stale"),
    ] {
        std::fs::write(dist.join(file), text).unwrap();
    }
    std::fs::write(root.join("sw.js"), TEMPLATE).unwrap();
    dist
}

fn data(out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out.join("surveys")).unwrap();
    std::fs::create_dir_all(out.join("quang-tri/p")).unwrap();
    for f in ["surveys/sipas@2.json", "surveys/quick@1.json", "quang-tri/index.json"] {
        std::fs::write(out.join(f), format!("{{\"file\":\"{f}\"}}")).unwrap();
    }
    let list = r#"[{"key":"quick@1","kind":"helpful"},{"key":"sipas@2","kind":"sipas"}]"#;
    std::fs::write(out.join("surveys/index.json"), list).unwrap();
    Ok(())
}

fn run(dist: &Path) -> Result<Finished, String> {
    finish(dist, VERSION, &dist.parent().unwrap().join("sw.js"), data)
}

fn text(dist: &Path, f: &str) -> String {
    std::fs::read_to_string(dist.join(f)).unwrap()
}

/// The one file named `stem-<hash>.ext`, checked to carry its content's hash.
fn stamped(dist: &Path, stem: &str, ext: &str) -> String {
    let found: Vec<String> = top_level(dist)
        .unwrap()
        .into_iter()
        .filter(|f| {
            f.starts_with(&format!("{stem}-"))
                && f.ends_with(&format!(".{ext}"))
                && f.len() == stem.len() + 12 + ext.len()
        })
        .collect();
    assert_eq!(found.len(), 1, "{stem}.{ext}: {found:?}");
    let hash = &sha256_hex(&std::fs::read(dist.join(&found[0])).unwrap())[..10];
    assert_eq!(found[0], format!("{stem}-{hash}.{ext}"));
    found[0].clone()
}

#[test]
fn names_are_stamped_by_content_and_references_follow() {
    let dist = fake("stamp");
    run(&dist).unwrap();
    let [wasm, feedback_wasm, icon, css, js, feedback, manifest, boot] = names::VERSIONED.map(|n| {
        let (stem, ext) = n.rsplit_once('.').unwrap();
        stamped(&dist, stem, ext)
    });
    let index = text(&dist, "index.html");
    for name in [&boot, &css] {
        assert!(index.contains(&format!("\"/w/9.8.7/{name}\"")), "{name} in {index}");
    }
    assert!(index.contains(&format!("href=\"{manifest}\"")) && index.contains(&format!("href=\"{icon}\"")));
    assert!(index.contains("reboot.js boot.json my-boot.js"), "only whole names are references: {index}");
    // The lazily loaded modules are named by content too, before the glue that loads them.
    let [detail, results] =
        [("widget_finder_detail", "wasm"), ("feedback_feedback_results", "wasm")].map(|(s, e)| stamped(&dist, s, e));
    assert_eq!(text(&dist, &js), format!("import('./{wasm}'); // not {wasm}.map\nfetch('./{detail}')"));
    assert_eq!(text(&dist, &feedback), format!("import('./{feedback_wasm}'); fetch('./{results}')"));
    assert_eq!(text(&dist, &boot), format!("import(part ? './{feedback}' : './{js}'); fetch('{manifest}');"));
    assert_eq!(text(&dist, &css), format!(".logo {{ background: url({icon}) }}"));
    assert_eq!(text(&dist, &manifest), format!(r#"{{"icons":[{{"src":"{icon}"}}]}}"#));
    assert_eq!(text(&dist, "embed.js"), "frame.src = base + 'index.html';");
    // What each part's first view fetches, for the collector's preload header.
    let first: tthc_core::first_load::FirstLoad = serde_json::from_str(&text(&dist, "first-load.json")).unwrap();
    assert_eq!(first.boot, boot);
    assert_eq!((first.finder.glue, first.finder.wasm), (js, wasm));
    assert_eq!((first.feedback.glue, first.feedback.wasm), (feedback, feedback_wasm));
    assert_eq!(first.survey.as_deref(), Some("sipas@2"));
    let views: Vec<(&str, &str)> = first.views.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(views, [("feedback_feedback_results", results.as_str()), ("widget_finder_detail", detail.as_str())]);
    // The stylesheet's integrity is its current content's.
    use base64::Engine;
    use sha2::Digest;
    let sri = base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(text(&dist, &css)));
    assert!(index.contains(&format!("href=\"/w/9.8.7/{css}\" integrity=\"sha384-{sri}\"")), "{index}");
}

#[test]
fn the_worker_gets_its_build_id_scope_and_precache_list() {
    let dist = fake("worker");
    let done = run(&dist).unwrap();
    let sw = text(&dist, "sw.js");
    assert!(!sw.contains("__"), "every placeholder replaced: {sw}");
    assert!(done.build.starts_with("9.8.7-") && done.build.len() == 16, "{}", done.build);
    let shell: Vec<String> = top_level(&dist)
        .unwrap()
        .into_iter()
        .filter(|f| [".js", ".wasm", ".css", ".svg", ".webmanifest"].iter().any(|x| f.ends_with(x)))
        .filter(|f| f != "sw.js" && f != "embed.js")
        .map(|f| format!(",\"/w/9.8.7/{f}\""))
        .collect();
    assert_eq!(shell.len(), 10, "{shell:?}");
    let precache = format!(
        r#"["/v1/","/v1/data/surveys/index.json","/v1/data/surveys/quick@1.json","/v1/data/surveys/sipas@2.json"{}]"#,
        shell.concat()
    );
    assert_eq!(
        sw,
        format!("const BUILD = '{}';\nconst PRECACHE = {precache};\nconst VERSIONED = '/w/9.8.7/';\n", done.build)
    );
    assert_eq!(done.data_files, 4, "the old data went, the new was written");
    assert!(!dist.join("data/old").exists());
}

#[test]
fn running_again_changes_nothing_and_a_changed_file_gets_a_new_name_and_build() {
    let dist = fake("rerun");
    let first = run(&dist).unwrap();
    let snapshot = |dist: &Path| -> Vec<(String, Vec<u8>)> {
        super::files(dist)
            .unwrap()
            .into_iter()
            .map(|f| (f.strip_prefix(dist).unwrap().display().to_string(), std::fs::read(&f).unwrap()))
            .collect()
    };
    let before = snapshot(&dist);
    let again = run(&dist).unwrap();
    assert_eq!(again.build, first.build);
    assert_eq!(snapshot(&dist), before, "a second run is harmless");
    // A rebuild under the same version: the stylesheet changed, so did its name, the page and the build.
    let css = stamped(&dist, "widget", "css");
    std::fs::write(dist.join(&css), ":root { --rebuilt: 1 }").unwrap();
    let next = run(&dist).unwrap();
    let new_css = stamped(&dist, "widget", "css");
    assert_ne!(new_css, css);
    assert!(text(&dist, "index.html").contains(&new_css) && !text(&dist, "index.html").contains(&css));
    assert_ne!(next.build, first.build);
}

#[test]
fn every_servable_file_gets_brotli_and_gzip_copies_of_its_content() {
    use std::io::Read;
    let dist = fake("compress");
    run(&dist).unwrap();
    let files = super::files(&dist).unwrap();
    let servable: Vec<&PathBuf> =
        files.iter().filter(|f| f.extension().is_some_and(|x| compress::SERVABLE.iter().any(|s| x == *s))).collect();
    assert_eq!(servable.len(), 14 + 4, "the shell, the page, the worker, embed.js, first-load.json and the data");
    for f in servable {
        let raw = std::fs::read(f).unwrap();
        let (mut br, mut gz) = (Vec::new(), Vec::new());
        let br_file = std::fs::read(format!("{}.br", f.display())).unwrap();
        brotli::Decompressor::new(&br_file[..], 4096).read_to_end(&mut br).unwrap();
        let gz_file = std::fs::read(format!("{}.gz", f.display())).unwrap();
        flate2::read::GzDecoder::new(&gz_file[..]).read_to_end(&mut gz).unwrap();
        assert_eq!((br, gz), (raw.clone(), raw), "{}", f.display());
    }
    assert_eq!(files.iter().filter(|f| f.extension().is_some_and(|x| x == "br" || x == "gz")).count(), 2 * 18);
}

#[test]
fn a_missing_or_doubled_versioned_file_is_an_error_naming_it() {
    let dist = fake("missing");
    std::fs::remove_file(dist.join("icon.svg")).unwrap();
    let e = run(&dist).err().unwrap();
    assert_eq!(e, format!("{}: expected one icon.svg, found: none", dist.display()));

    let dist = fake("doubled");
    std::fs::write(dist.join("widget-0123456789.js"), "an older build").unwrap();
    let e = run(&dist).err().unwrap();
    assert_eq!(e, format!("{}: expected one widget.js, found: widget-0123456789.js, widget.js", dist.display()));
}

#[test]
fn a_page_for_another_version_or_a_template_without_a_placeholder_is_refused() {
    let dist = fake("version");
    let e = finish(&dist, "1.0.0", &dist.parent().unwrap().join("sw.js"), data).err().unwrap();
    assert!(e.starts_with(&format!("{}: does not load /w/1.0.0/", dist.join("index.html").display())), "{e}");
    assert!(dist.join("boot.js").exists(), "nothing was touched");

    let dist = fake("template");
    let template = dist.parent().unwrap().join("sw.js");
    std::fs::write(&template, TEMPLATE.replace("__PRECACHE__", "[]")).unwrap();
    let e = finish(&dist, VERSION, &template, data).err().unwrap();
    assert_eq!(e, format!("{}: no __PRECACHE__ to replace", template.display()));
}

#[test]
fn references_are_whole_names_stamped_or_not() {
    let r = |t: &str| String::from_utf8(names::rewrite(t.as_bytes(), "boot", "js", "boot-aaaaaaaaaa.js")).unwrap();
    assert_eq!(r("boot.js"), "boot-aaaaaaaaaa.js");
    assert_eq!(r("/w/1/boot-0123456789.js\"x boot.js"), "/w/1/boot-aaaaaaaaaa.js\"x boot-aaaaaaaaaa.js");
    for kept in [
        "reboot.js",
        "my-boot.js",
        "boot_x.js",
        "boot.json",
        "boot.js_",
        "boot-0123.js",
        "boot-ABCDEF0123.js",
        "boot.jsé",
    ] {
        assert_eq!(r(kept), kept);
    }
}
