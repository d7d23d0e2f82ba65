//! What the benchmark and the soak test share: release binaries, a sandbox in its own
//! process, generated recipient lists, and campaign runs measured from outside.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

pub const TOKEN: &str = "sandbox-token";
pub const PHONE_NUMBER_ID: &str = "106540352242922";

/// Builds `wamm` in release mode and returns its path.
pub fn build_release(root: &Path) -> Result<PathBuf> {
    build_wamm(root, true)
}

/// Builds `wamm` (release or debug) and returns its path.
pub fn build_wamm(root: &Path, release: bool) -> Result<PathBuf> {
    let profile = if release { "release" } else { "debug" };
    eprintln!("building wamm ({profile})...");
    let mut args = vec!["build", "--quiet", "-p", "wamm"];
    if release {
        args.push("--release");
    }
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(&args)
        .current_dir(root)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo {} failed", args.join(" "));
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"));
    Ok(target.join(profile).join("wamm"))
}

/// A `wamm sandbox` process; killed when dropped.
pub struct SandboxProcess {
    child: Child,
    pub base_url: String,
}

impl SandboxProcess {
    pub fn start(wamm: &Path, args: &[&str]) -> Result<Self> {
        let mut child = Command::new(wamm)
            .arg("sandbox")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start wamm sandbox")?;
        let stdout = child.stdout.take().context("sandbox stdout")?;
        let mut first = String::new();
        BufReader::new(stdout).read_line(&mut first)?;
        let Some(base_url) = first.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            bail!("unexpected first line from wamm sandbox: {first:?}");
        };
        Ok(Self {
            base_url: base_url.to_string(),
            child,
        })
    }

    /// GET a sandbox inspection endpoint (with the token) with curl-free plain HTTP.
    /// `/__sandbox/messages` is read page by page and returned as one array of every message.
    pub fn get(&self, path: &str) -> Result<serde_json::Value> {
        if path == "/__sandbox/messages" {
            return self.all_messages();
        }
        self.get_once(path)
    }

    fn all_messages(&self) -> Result<serde_json::Value> {
        let mut all = Vec::new();
        let mut after = 0;
        loop {
            let page = self.get_once(&format!("/__sandbox/messages?after={after}&limit=10000"))?;
            if page["skipped"].as_u64().unwrap_or(0) > 0 {
                bail!(
                    "the sandbox no longer holds every message; start it with a larger --max-messages"
                );
            }
            all.extend(page["messages"].as_array().cloned().unwrap_or_default());
            after = page["next"]
                .as_u64()
                .context("a messages page without `next`")?;
            if page["more"] != true {
                return Ok(serde_json::Value::Array(all));
            }
        }
    }

    fn get_once(&self, path: &str) -> Result<serde_json::Value> {
        let (status, body) = self.request("GET", path, None)?;
        if status != 200 {
            bail!("GET {path} answered {status}: {body}");
        }
        Ok(body)
    }

    /// POST a JSON body to a sandbox endpoint (with the token); returns the HTTP status and
    /// the JSON answer.
    pub fn post(&self, path: &str, body: &serde_json::Value) -> Result<(u16, serde_json::Value)> {
        self.request("POST", path, Some(body))
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<(u16, serde_json::Value)> {
        let url = format!("{}{path}", self.base_url);
        let addr = self.base_url.trim_start_matches("http://");
        let mut stream =
            std::net::TcpStream::connect(addr).with_context(|| format!("connect {url}"))?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let content = if body.is_empty() {
            String::new()
        } else {
            format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            )
        };
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\n{content}Connection: close\r\n\r\n{body}"
        )?;
        let mut response = Vec::new();
        std::io::Read::read_to_end(&mut stream, &mut response)?;
        let text = String::from_utf8_lossy(&response);
        let (head, body) = text.split_once("\r\n\r\n").context("no HTTP body")?;
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok())
            .with_context(|| format!("{url}: no HTTP status in {head:?}"))?;
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            dechunk(body)
        } else {
            body.to_string()
        };
        let json =
            serde_json::from_str(&body).with_context(|| format!("{url} did not answer JSON"))?;
        Ok((status, json))
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes a CSV of `rows` distinct recipients.
pub fn recipients(path: &Path, rows: usize) -> Result<()> {
    let mut out = std::io::BufWriter::new(fs::File::create(path)?);
    writeln!(out, "phone,first_name")?;
    for i in 0..rows {
        writeln!(
            out,
            "44{:010},Name{}",
            7_000_000_000u64 + i as u64,
            i % 1000
        )?;
    }
    out.flush()?;
    Ok(())
}

pub const CAMPAIGN: &str = r#"
name = "bench"
messages_per_second = 0
concurrency = 64

[retry]
max_attempts = 8
base_delay_ms = 20

[message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "{{first_name}}" }] }]
"#;

/// The figures of one measured campaign run.
#[derive(Debug, Clone, Default)]
pub struct RunFigures {
    pub summary: serde_json::Value,
    pub cpu: Duration,
    pub max_rss_kib: u64,
}

impl RunFigures {
    pub fn sent(&self) -> u64 {
        self.summary["sent"].as_u64().unwrap_or(0)
    }
    pub fn rate(&self) -> f64 {
        self.summary["messages_per_second"].as_f64().unwrap_or(0.0)
    }
}

/// Runs `wamm campaign <args>` under `/usr/bin/time` and returns its summary, CPU time and
/// peak RSS.
pub fn measured_campaign(
    wamm: &Path,
    sandbox: &SandboxProcess,
    args: &[String],
) -> Result<RunFigures> {
    let mut command = Command::new(wamm);
    command
        .arg("campaign")
        .args(args)
        .arg("--json")
        .env("WAMM_BASE_URL", &sandbox.base_url)
        .env("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
    measured(command)
}

/// Runs `command` (given the sandbox's token) under `/usr/bin/time`; it must print one JSON
/// object on stdout. Returns that object, the CPU time and the peak RSS.
pub fn measured(command: Command) -> Result<RunFigures> {
    let time_file = std::env::temp_dir().join(format!("wamm-time-{}", std::process::id()));
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%U %S %M", "-o"])
        .arg(&time_file)
        .arg(command.get_program())
        .args(command.get_args())
        .envs(
            command
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN)
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run /usr/bin/time (install Debian's `time` package)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).with_context(|| {
        format!(
            "{} printed no JSON summary: {stdout}",
            command.get_program().to_string_lossy()
        )
    })?;
    let times = fs::read_to_string(&time_file).unwrap_or_default();
    let _ = fs::remove_file(&time_file);
    let fields: Vec<f64> = times
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let (user, sys, rss) = match fields.as_slice() {
        [u, s, m, ..] => (*u, *s, *m as u64),
        _ => bail!("could not read /usr/bin/time output: {times:?}"),
    };
    Ok(RunFigures {
        summary,
        cpu: Duration::from_secs_f64(user + sys),
        max_rss_kib: rss,
    })
}

/// Installs a Debian package when its command is missing.
pub fn ensure_command(command: &str, package: &str) -> Result<()> {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {command}")])
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if found {
        return Ok(());
    }
    eprintln!("installing {package} (for {command})...");
    let status = Command::new("apt-get")
        .args(["install", "-y", "-q", package])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .context("cannot run apt-get")?;
    if !status.success() {
        bail!("apt-get install {package} failed; install it and rerun");
    }
    Ok(())
}

/// The machine figures are measured on: "Debian GNU/Linux 12 (bookworm) (2 cores, AMD EPYC)".
pub fn machine() -> String {
    let os = fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_else(|| "Linux".into());
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    format!("{os} ({cores} cores, {cpu})")
}

/// The date and time now, in UTC: "2026-11-25 16:35 UTC".
pub fn now_utc() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| "unknown date".into())
}

/// Replaces the section of a Markdown file that starts with the line `heading` (such as
/// `## Soak (crash safety)`), up to the next heading of the same level or the end of the file,
/// with `heading` followed by `body`; appends it when the file has no such section. Everything
/// else in the file is kept as it is.
pub fn replace_section(file: &Path, heading: &str, body: &str) -> Result<()> {
    let old = fs::read_to_string(file).unwrap_or_default();
    let level = heading.split(' ').next().unwrap_or("##");
    let next_heading = format!("{level} ");
    let mut section = format!("{heading}\n\n{}", body.trim_end());
    section.push('\n');
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new = match lines.iter().position(|l| l.trim_end() == heading) {
        Some(start) => {
            let end = lines[start + 1..]
                .iter()
                .position(|l| l.starts_with(&next_heading))
                .map(|i| start + 1 + i)
                .unwrap_or(lines.len());
            let mut out: String = lines[..start].concat();
            out.push_str(&section);
            if end < lines.len() {
                out.push('\n');
                out.push_str(&lines[end..].concat());
            }
            out
        }
        None => {
            let mut out = old.trim_end().to_string();
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&section);
            out
        }
    };
    fs::write(file, new).with_context(|| format!("cannot write {}", file.display()))
}

/// utime + stime (and, with `reaped`, cutime + cstime) of `pid`, in clock ticks.
pub(crate) fn proc_times(pid: u32, reaped: bool) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<u64> = rest
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // rest[0] is field 3 (state); utime is field 14, so rest[11].
    let own = fields.get(11)? + fields.get(12)?;
    Some(if reaped {
        own + fields.get(13)? + fields.get(14)?
    } else {
        own
    })
}

/// Clock ticks a second, the unit of `/proc/PID/stat`'s times.
pub(crate) fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// The user + system time process `pid` has used so far (0 when it cannot be read).
pub(crate) fn process_cpu(pid: u32) -> std::time::Duration {
    let ticks = proc_times(pid, false).unwrap_or(0);
    std::time::Duration::from_secs_f64(ticks as f64 / clock_ticks())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_replaces_only_its_own_text() {
        let dir = std::env::temp_dir().join(format!("wamm-soak-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("B.md");
        fs::write(
            &file,
            "# B\n\n## One\n\nkeep\n\n## Soak (crash safety)\n\nold\n| a |\n\n## After\n\nkeep too\n",
        )
        .unwrap();
        replace_section(&file, "## Soak (crash safety)", "new\n").unwrap();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "# B\n\n## One\n\nkeep\n\n## Soak (crash safety)\n\nnew\n\n## After\n\nkeep too\n"
        );
        // Last in the file, or missing.
        fs::write(&file, "# B\n\n## Soak (crash safety)\n\nold\n").unwrap();
        replace_section(&file, "## Soak (crash safety)", "new").unwrap();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "# B\n\n## Soak (crash safety)\n\nnew\n"
        );
        fs::write(&file, "# B\n").unwrap();
        replace_section(&file, "## Soak (crash safety)", "new").unwrap();
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "# B\n\n## Soak (crash safety)\n\nnew\n"
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
