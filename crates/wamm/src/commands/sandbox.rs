//! `wamm sandbox`: the sandbox in the foreground, until Ctrl-C.

use clap::Args;
use std::sync::Arc;

use wamm_sandbox::cli::{SandboxArgs, ServeError, serve, start};

use crate::exit::Failure;

pub const ABOUT: &str = "Run a local stand-in for Meta's endpoint, for testing without an account";

pub const EXAMPLES: &str = "\
Examples:
  wamm sandbox --listen 127.0.0.1:8080
  wamm sandbox --mps 20 --pair-interval 6s --opted-out 447700900999
  wamm sandbox --faults 500=0.05,503=0.02,reset=0.02,slow=0.01,lost=0.02 --seed 42
  # Add templates: examples/templates.json has restock_alert (a text, a currency, a date-time)
  wamm sandbox --listen 127.0.0.1:8080 --templates examples/templates.json

  # Then, in another terminal:
  export WHATSAPP_ACCESS_TOKEN=sandbox-token WAMM_BASE_URL=http://127.0.0.1:8080
  wamm send --phone-number-id 106540352242922 --to 447700900123 \\
      --template spring_sale --lang en_US --body Ana
  wamm send --phone-number-id 106540352242922 --to 447700900123 \\
      --template restock_alert --lang en_US --body product=boots \\
      --currency price=GBP:59.50 --date-time \"until=Sunday, 18:00\"
  curl --oauth2-bearer sandbox-token http://127.0.0.1:8080/__sandbox/messages

The first line printed is always `listening on http://ADDR`.";

/// The flags are the sandbox crate's; its doc comment on them is for Rust readers (an example
/// of embedding them), so `long_about = None` keeps it out of `wamm sandbox --help`.
#[derive(Args, Debug)]
#[command(long_about = None)]
pub struct SandboxCommandArgs {
    #[command(flatten)]
    pub sandbox: SandboxArgs,
    // --- issue 30: metrics ---
    /// Serve Prometheus metrics on ADDR (http://ADDR/metrics): requests by operation and
    /// status, status webhooks posted; /healthz and /readyz answer while it runs. Port 0
    /// picks a free one, printed on stderr
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<std::net::SocketAddr>,
}

pub async fn exec(args: SandboxCommandArgs) -> Result<(), Failure> {
    let failure = |error: ServeError| match error {
        ServeError::Config(_) => Failure::usage(error.to_string()),
        other => Failure::other(other.to_string()),
    };
    let Some(address) = args.metrics_listen else {
        return serve(args.sandbox).await.map_err(failure);
    };
    let sandbox = Arc::new(start(args.sandbox).await.map_err(failure)?);
    let render: crate::metrics_server::Render = {
        let sandbox = Arc::clone(&sandbox);
        Arc::new(move || sandbox.metrics_text())
    };
    let probe: crate::metrics_server::Probe = Arc::new(|| Ok("ok".to_string()));
    let server = crate::metrics_server::MetricsServer::start(address, render, probe).await?;
    crate::metrics_server::signalled().await;
    server.shutdown().await;
    if let Ok(sandbox) = Arc::try_unwrap(sandbox) {
        sandbox.shutdown().await;
    }
    Ok(())
}
