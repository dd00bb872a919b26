//! `cargo run -p generator [-- --spec DIR --out DIR --check]`: see `cli.rs`.

fn main() -> std::process::ExitCode {
    let status = generator::cli::run(std::env::args(), &mut std::io::stdout(), &mut std::io::stderr());
    std::process::ExitCode::from(status)
}
