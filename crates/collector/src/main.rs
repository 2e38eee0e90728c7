use collector::config::{Command, USAGE};
use collector::server::{serve, signal};

fn main() {
    let opts = match Command::from_args(std::env::args().skip(1)) {
        Ok(Command::Serve(o)) => *o,
        Ok(Command::Backup { db, out }) => backup(&db, &out),
        Ok(Command::Help) => {
            println!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Runtime::new().expect("start the tokio runtime");
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(opts.listen).await.map_err(|e| format!("{}: {e}", opts.listen))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!(
            "collector {} on http://{addr} (db {}, static {}, rate limit {})",
            collector::VERSION,
            opts.db.display(),
            opts.static_dir.display(),
            if opts.config.rate_limit.enabled { "on" } else { "off" }
        );
        eprintln!("widget: http://{addr}/v1/?province=<code>");
        serve(listener, opts, signal()).await
    });
    if let Err(e) = result {
        eprintln!("collector: {e}");
        std::process::exit(1);
    }
    eprintln!("collector stopped cleanly");
}

/// `collector backup`: exits 0 after printing what the copy holds, 1 with the reason otherwise.
fn backup(db: &std::path::Path, out: &std::path::Path) -> ! {
    match collector::store::backup::backup(db, out) {
        Ok(summary) => {
            println!("backup {} written: {summary}", out.display());
            std::process::exit(0);
        }
        Err(e) => {
            eprintln!("collector backup failed: {e}");
            std::process::exit(1);
        }
    }
}
